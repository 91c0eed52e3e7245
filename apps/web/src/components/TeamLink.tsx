import type { MouseEvent, ReactNode } from 'react';
import { hrefFor, navigate, useViewState } from '../state/navigation';
import { teamViewState, type ViewState } from '../state/view-state';

/** A real link (Enter, middle click, copy link all work) that navigates in place on a plain click. */
export function AppLink({ state, children, className, label, current }: { state: ViewState; children: ReactNode; className?: string; label?: string; current?: boolean }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(state);
  };
  return (
    <a href={hrefFor(state)} onClick={onClick} className={className} aria-label={label} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}

export function TeamLink({ team, label }: { team: string; label?: string }) {
  const viewState = useViewState();
  return (
    <AppLink state={teamViewState(viewState, team)} className="team-link" {...(label ? { label } : {})}>
      {team}
    </AppLink>
  );
}
