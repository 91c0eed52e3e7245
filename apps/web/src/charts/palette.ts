/** Colour-blind-safe series colours (Okabe–Ito order, blue first), and muted tones for reference series. */
export const SERIES_COLORS = ['#2457c5', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7a6f00', '#6b6b6b'];
export const REFERENCE_COLOR = '#8a8f98';
export const PHASE_AREA_COLORS = ['rgba(36, 87, 197, 0.06)', 'rgba(230, 159, 0, 0.08)'];
export const PHASE_LINE_COLOR = '#6b6b6b';
export const HEATMAP_COLORS = ['#eef3fc', '#9db8ea', '#2457c5', '#123078'];
export const TEXT_COLOR = '#1f2430';
export const MUTED_TEXT_COLOR = '#5b6270';
export const GRID_LINE_COLOR = '#e6e8ec';

export const FONT_FAMILY =
  'system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
