// eslint-scope ships no types; ESLint's own describe the scope manager it returns.
declare module 'eslint-scope' {
  import type { Scope } from 'eslint';
  export function analyze(
    ast: unknown,
    options?: { ecmaVersion?: number; sourceType?: 'module' | 'script' },
  ): Scope.ScopeManager;
}
