import { useEffect, useState } from 'react';
import { formatDuration } from '../call-state';

/** Time since `since`, updated every second. */
export function CallTimer({ since, now = Date.now }: { since: number; now?: () => number }) {
  const [current, setCurrent] = useState(now);
  useEffect(() => {
    const timer = window.setInterval(() => setCurrent(now()), 1000);
    return () => window.clearInterval(timer);
  }, [now]);
  return (
    <span role="timer" aria-label="Call duration" className="call-timer">
      {formatDuration(current - since)}
    </span>
  );
}
