import { useState } from 'react';

interface Props {
  /** What the value is, e.g. "Signing secret of https://hooks.example/in". */
  title: string;
  value: string;
  onDismiss: () => void;
}

/** A secret the server answers once (API key, webhook signing secret): copy it now, it is never shown again. */
export function ShownOnce({ title, value, onDismiss }: Props) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('Copied');
    } catch (e) {
      setCopied(`Copy failed (${e instanceof Error ? e.message : String(e)}): select the text and copy it by hand`);
    }
  };
  return (
    <div className="shown-once" role="region" aria-label={title}>
      <strong>{title}</strong>
      <p className="warning">Copy it now: it is shown only this once and cannot be retrieved later.</p>
      <div className="row">
        <input className="grow mono" readOnly value={value} aria-label="Secret value" onFocus={(e) => e.currentTarget.select()} data-testid="shown-once-value" />
        <button onClick={() => void copy()}>Copy</button>
        <button onClick={onDismiss}>I have saved it</button>
      </div>
      {copied && <p className="muted">{copied}</p>}
    </div>
  );
}
