import { useState } from 'react';

interface Props {
  label: string;
  /** The question asked before acting, e.g. "Revoke key ci-bot? It stops working at once." */
  question: string;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
}

/** A destructive action that asks first, in place (no modal). */
export function ConfirmButton({ label, question, onConfirm, disabled }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <button className="danger" disabled={disabled} onClick={() => setAsking(true)}>{label}</button>;
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span>{question}</span>
      <button
        className="danger"
        onClick={() => {
          setAsking(false);
          void onConfirm();
        }}
      >
        Yes, {label.toLowerCase()}
      </button>
      <button onClick={() => setAsking(false)}>Cancel</button>
    </span>
  );
}
