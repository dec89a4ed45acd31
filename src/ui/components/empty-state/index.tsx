import type { ComponentChildren } from 'preact';

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="card stack" style={{ textAlign: 'center', padding: '32px 16px' }}>
      <p style={{ fontWeight: 600, margin: 0 }}>{title}</p>
      {children}
    </div>
  );
}
