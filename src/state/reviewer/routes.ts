// The reviewer desk's own hash routes under `#/review`, so the app shell mounts one component
// for reviewers and admins and needs to know nothing of the desk's pages.
export type ReviewRoute =
  | { name: 'inbox' }
  | { name: 'case'; id: string }
  | { name: 'slip'; id: string }
  | { name: 'rectifications' }
  | { name: 'stats' };

export const REVIEW_PREFIX = '#/review';

export function parseReviewRoute(hash: string): ReviewRoute {
  const path = hash.replace(/^#/, '').split('?', 1)[0] ?? '';
  let m = /^\/review\/cases\/([0-9a-zA-Z-]{1,64})\/slip$/.exec(path);
  if (m) return { name: 'slip', id: m[1]! };
  m = /^\/review\/cases\/([0-9a-zA-Z-]{1,64})$/.exec(path);
  if (m) return { name: 'case', id: m[1]! };
  if (path === '/review/rectifications') return { name: 'rectifications' };
  if (path === '/review/stats') return { name: 'stats' };
  return { name: 'inbox' };
}

export function formatReviewRoute(r: ReviewRoute): string {
  switch (r.name) {
    case 'inbox': return `${REVIEW_PREFIX}`;
    case 'case': return `${REVIEW_PREFIX}/cases/${r.id}`;
    case 'slip': return `${REVIEW_PREFIX}/cases/${r.id}/slip`;
    case 'rectifications': return `${REVIEW_PREFIX}/rectifications`;
    case 'stats': return `${REVIEW_PREFIX}/stats`;
  }
}
