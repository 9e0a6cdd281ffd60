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
