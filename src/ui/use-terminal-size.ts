import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

export interface TerminalSize { readonly columns: number; readonly rows: number }

/** The terminal's size, updated on resize; a fixed size when one is given (tests). */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
  const { stdout } = useStdout();
  const read = (): TerminalSize => fixed ?? { columns: stdout.columns || 80, rows: stdout.rows || 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed) return undefined;
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => { stdout.off('resize', onResize); };
  }, [stdout, fixed?.columns, fixed?.rows]);
  return fixed ?? size;
}
