import React from 'react';
import { Box, render, Text, useApp, useInput } from 'ink';

function Home(): React.ReactElement {
  const { exit } = useApp();
  useInput((input) => { if (input === 'q') exit(); });
  return (
    <Box flexDirection="column" padding={1}>
      <Text bold>netpol-dojo</Text>
      <Text>Kubernetes NetworkPolicy tutor. Press q to quit.</Text>
    </Box>
  );
}

export async function runTui(_argv: string[], _env: NodeJS.ProcessEnv): Promise<number> {
  const app = render(<Home />);
  await app.waitUntilExit();
  return 0;
}
