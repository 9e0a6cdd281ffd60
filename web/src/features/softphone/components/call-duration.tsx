import { useEffect, useState } from 'react';
import { formatCallDuration } from '../agent-state';

interface CallDurationProps {
  /** Epoch milliseconds of the answer. */
  from: number;
  /** Epoch milliseconds of the end; while undefined the duration runs, updated every second. */
  to?: number;
  now?: () => number;
}

/** How long the call has lasted, `mm:ss`. */
export function CallDuration({ from, to, now = Date.now }: CallDurationProps) {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    if (to !== undefined) return undefined;
    const timer = window.setInterval(() => setCurrent(now()), 1000);
    return () => window.clearInterval(timer);
  }, [to, now]);
  const milliseconds = (to ?? current) - from;
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  return (
    <time className="call-timer" aria-label="Call duration" dateTime={`PT${Math.floor(seconds / 60)}M${seconds % 60}S`}>
      {formatCallDuration(milliseconds)}
    </time>
  );
}
