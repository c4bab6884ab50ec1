/** The last call's error, as the API worded it (it names the problem). */
export function ErrorBanner({ error, onDismiss }: { error: string | null; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-banner" role="alert">
      <span>{error}</span>
      {onDismiss && <button className="link" onClick={onDismiss} aria-label="Dismiss the error">×</button>}
    </div>
  );
}
