import type { Ref } from 'react';

interface CallControlsProps {
  muted: boolean;
  canHangUp: boolean;
  onMutedChange: (muted: boolean) => void;
  onHangUp: () => void;
  hangUpRef?: Ref<HTMLButtonElement>;
}

/** Mute and hang up. */
export function CallControls({ muted, canHangUp, onMutedChange, onHangUp, hangUpRef }: CallControlsProps) {
  return (
    <div className="call-controls">
      <button
        type="button"
        className={muted ? 'button button--toggle button--on' : 'button button--toggle'}
        aria-pressed={muted}
        onClick={() => onMutedChange(!muted)}
      >
        Mute
      </button>
      <button ref={hangUpRef} type="button" className="button button--hang-up" disabled={!canHangUp} onClick={onHangUp}>
        Hang up
      </button>
    </div>
  );
}
