import { useEffect, useState } from 'react';

interface CallDurationProps {
  /** Epoch milliseconds of the answer. */
  from: number;
  /** Epoch milliseconds of the end; while undefined the duration runs, updated every second. */
  to?: number | undefined;
  /** How each page writes a duration. */
  format: (milliseconds: number) => string;
  now?: () => number;
}

/** How long the call has lasted: a timer while it runs, then its final length. */
export function CallDuration({ from, to, format, now = Date.now }: CallDurationProps) {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    if (to !== undefined) return undefined;
    const timer = window.setInterval(() => setCurrent(now()), 1000);
    return () => window.clearInterval(timer);
  }, [to, now]);
  const milliseconds = (to ?? current) - from;
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  return (
    <time role="timer" aria-label="Call duration" className="call-timer" dateTime={`PT${Math.floor(seconds / 60)}M${seconds % 60}S`}>
      {format(milliseconds)}
    </time>
  );
}
