import type { Ref } from 'react';

interface RingingButtonsProps {
  onAnswer: () => void;
  onReject: () => void;
  answerRef?: Ref<HTMLButtonElement>;
}

/** Answer or decline (486 Busy Here) a ringing call. */
export function RingingButtons({ onAnswer, onReject, answerRef }: RingingButtonsProps) {
  return (
    <div className="call-controls">
      <button ref={answerRef} type="button" className="button button--dial button--wide" onClick={onAnswer}>
        Answer
      </button>
      <button type="button" className="button button--hang-up" onClick={onReject}>
        Reject
      </button>
    </div>
  );
}

interface InCallButtonsProps {
  muted: boolean;
  onMutedChange: (muted: boolean) => void;
  onHangUp: () => void;
  hangUpRef?: Ref<HTMLButtonElement>;
}

/** Mute (a toggle: aria-pressed says whether the microphone is off) and hang up. */
export function InCallButtons({ muted, onMutedChange, onHangUp, hangUpRef }: InCallButtonsProps) {
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
      <button ref={hangUpRef} type="button" className="button button--hang-up" onClick={onHangUp}>
        Hang up
      </button>
    </div>
  );
}
