import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * An (i) button that shows definitions on hover, on keyboard focus and on click (click keeps it open);
 * Escape closes it. The content is also the button's description for screen readers.
 */
export function InfoTip({ label, children, align = 'end' }: { label: string; children: ReactNode; align?: 'start' | 'end' }) {
  const id = useId();
  const [pinned, setPinned] = useState(false);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const wrapper = useRef<HTMLSpanElement>(null);
  const open = pinned || hovered || focused;

  useEffect(() => {
    if (!pinned) return;
    const close = (event: MouseEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setPinned(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [pinned]);

  return (
    <span className="infotip" ref={wrapper} onMouseEnter={() => setHovered(true)} onMouseLeave={() => setHovered(false)}>
      <button
        type="button"
        className="infotip-button"
        aria-label={label}
        aria-expanded={open}
        aria-describedby={id}
        onClick={() => setPinned((value) => !value)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setPinned(false);
            setFocused(false);
            setHovered(false);
          }
        }}
      >
        i
      </button>
      <span id={id} role="tooltip" className={`infotip-content infotip-${align}`} hidden={!open}>
        {children}
      </span>
    </span>
  );
}
