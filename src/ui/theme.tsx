// Styles for spans, with and without colour (NO_COLOR keeps bold/dim/inverse, drops colours).
import React, { createContext, useContext } from 'react';
import { Box, Text } from 'ink';
import { visible, type Line, type SpanStyle } from './lines.ts';

interface TextStyle { color?: string; bold?: boolean; dimColor?: boolean; inverse?: boolean; underline?: boolean }

const COLORS: Record<SpanStyle, TextStyle> = {
  plain: {},
  bold: { bold: true },
  code: { color: 'cyan' },
  dim: { dimColor: true },
  heading: { bold: true, color: 'magenta' },
  accent: { color: 'cyan' },
  ok: { color: 'green', bold: true },
  bad: { color: 'red', bold: true },
  warn: { color: 'yellow' },
  'yaml-key': { color: 'blue', bold: true },
  'yaml-value': { color: 'green' },
  'yaml-comment': { color: 'gray' },
  'yaml-punct': { dimColor: true },
  selected: { bold: true, inverse: true },
};

const MONO: Record<SpanStyle, TextStyle> = {
  plain: {}, bold: { bold: true }, code: {}, dim: { dimColor: true }, heading: { bold: true },
  accent: {}, ok: { bold: true }, bad: { bold: true }, warn: {}, 'yaml-key': { bold: true }, 'yaml-value': {},
  'yaml-comment': { dimColor: true }, 'yaml-punct': { dimColor: true }, selected: { bold: true, inverse: true },
};

const ThemeContext = createContext<boolean>(true);

export function ThemeProvider({ color, children }: { color: boolean; children: React.ReactNode }): React.ReactElement {
  return <ThemeContext.Provider value={color}>{children}</ThemeContext.Provider>;
}

export function useStyle(): (s: SpanStyle) => TextStyle {
  const color = useContext(ThemeContext);
  return (s) => (color ? COLORS[s] : MONO[s]);
}

/** Renders precomputed lines; each line is one terminal row. No control character from content reaches the terminal. */
export function LinesView({ lines }: { lines: readonly Line[] }): React.ReactElement {
  const style = useStyle();
  return (
    <>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 ? ' ' : line.map((s, j) => <Text key={j} {...style(s.style)}>{visible(s.text)}</Text>)}
        </Text>
      ))}
    </>
  );
}

/** A screen of precomputed lines: header, a body window of `height` rows from `scroll`, a footer. */
export function ScreenFrame({ color, header, body, footer, height, scroll }: {
  color: boolean; header: readonly Line[]; body: readonly Line[]; footer: readonly Line[]; height: number; scroll: number;
}): React.ReactElement {
  return (
    <ThemeProvider color={color}>
      <Box flexDirection="column" paddingX={1}>
        <LinesView lines={[...header, []]} />
        <Box flexDirection="column" height={height}>
          <LinesView lines={body.slice(scroll, scroll + height)} />
        </Box>
        <LinesView lines={[[], ...footer]} />
      </Box>
    </ThemeProvider>
  );
}
