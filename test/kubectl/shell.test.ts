// The container shell: sh -c scripts (quoting, pipes, && || ;, redirections, variables, exit), each image's shell
// wording its own errors, interactive sessions through the pure API and through the CLI on a scripted terminal.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runKubectlCommand, type LineSource } from '../../src/cli/kubectl-command.ts';
import { execInContainer, shellLine, shellPrompt, startShell, type ShellSession } from '../../src/kubectl/shell/index.ts';
import { parseScript } from '../../src/kubectl/shell/parse.ts';
import { START, Term } from './helpers.ts';

function cluster(): Term {
  const t = new Term();
  t.k('kubectl run web --image=nginx --expose --port 80');
  t.k('kubectl run bb --image=busybox -- sleep 3600');
  return t;
}

function sh(t: Term, pod: string, script: string, flags = ''): { out: string; err: string; code: number } {
  const r = t.k(`kubectl exec ${flags}${pod} -- sh -c '${script.replace(/'/g, `'\\''`)}'`);
  return { out: r.stdout, err: r.stderr, code: r.exitCode };
}

test('sh -c: quoting, variables, $?, pipes, && || ; and exit', () => {
  const t = cluster();
  assert.deepEqual(sh(t, 'bb', `echo 'single $HOME' "double $HOSTNAME" back\\ slash`), { out: 'single $HOME double bb back slash\n', err: '', code: 0 });
  assert.equal(sh(t, 'bb', 'echo $KUBERNETES_SERVICE_HOST:${KUBERNETES_SERVICE_PORT}').out, '10.96.0.1:443\n');
  assert.equal(sh(t, 'bb', 'false; echo $?; true && echo and; false || echo or; false && echo never').out, '1\nand\nor\n');
  assert.equal(sh(t, 'bb', 'wget -qO- web | grep -c nginx').out, '5\n');
  assert.equal(sh(t, 'bb', 'wget -qO- web | grep -q "Welcome to nginx" && echo reachable').out, 'reachable\n');
  assert.equal(sh(t, 'bb', 'X=1; echo "x=$X"; env | grep -c "^X="').out, 'x=1\n0\n');
  assert.equal(sh(t, 'bb', 'export X=2; env | grep "^X="').out, 'X=2\n');
  assert.equal(sh(t, 'bb', 'echo -n a; echo b').out, 'ab\n');
  assert.equal(sh(t, 'bb', '! false && echo negated').out, 'negated\n');
  const ex = sh(t, 'bb', 'echo before; exit 3; echo after');
  assert.deepEqual(ex, { out: 'before\n', err: 'command terminated with exit code 3\n', code: 3 });
  assert.equal(sh(t, 'bb', 'echo a | exit 4; echo still here').out, 'still here\n');
  assert.equal(t.k(`kubectl exec bb -- sh -c "[ 2 -gt 1 ] && test -n x && test abc = abc && echo yes"`).stdout, 'yes\n');
});

test('redirections: > >> 2>&1 2>/dev/null, files for the one command, < input', () => {
  const t = cluster();
  assert.equal(sh(t, 'bb', 'echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; wc -l < /tmp/f').out, 'one\ntwo\n2\n');
  assert.deepEqual(sh(t, 'bb', 'cat /missing 2>/dev/null || echo gone'), { out: 'gone\n', err: '', code: 0 });
  assert.equal(sh(t, 'bb', 'cat /missing 2>&1 | head -n 1').out, "cat: can't open '/missing': No such file or directory\n");
  assert.equal(sh(t, 'bb', 'wget -qO- web >/dev/null && echo ok').out, 'ok\n');
  assert.equal(sh(t, 'bb', 'echo to-err >&2').err, 'to-err\n');
  // Files do not outlive the command.
  assert.equal(sh(t, 'bb', 'cat /tmp/f').code, 1);
  assert.equal(sh(t, 'bb', 'cat < /nope').err, "sh: can't open '/nope': No such file or directory\ncommand terminated with exit code 1\n");
  assert.equal(sh(t, 'bb', 'echo x > /no/dir/f').err, "sh: can't create /no/dir/f: No such file or directory\ncommand terminated with exit code 1\n");
});

test('applets: cat (stdin and files), grep -i -v -c -E, head, tail, wc, hostname, id, ls /', () => {
  const t = cluster();
  assert.equal(sh(t, 'bb', 'printf "a\\nB\\nc\\n" | grep -i b').out, 'B\n');
  assert.equal(sh(t, 'bb', 'printf "a\\nb\\nc\\n" | grep -v b | wc -l').out, '2\n');
  assert.equal(sh(t, 'bb', 'printf "ab\\nabab\\n" | grep -E "(ab){2}"').out, 'abab\n');
  assert.equal(sh(t, 'bb', 'printf "1\\n2\\n3\\n4\\n" | tail -n 2 | head -n 1').out, '3\n');
  assert.equal(sh(t, 'bb', 'cat /etc/hostname; hostname; id').out, 'bb\nbb\nuid=0(root) gid=0(root) groups=0(root)\n');
  assert.equal(sh(t, 'bb', 'grep nameserver /etc/resolv.conf').out, 'nameserver 10.96.0.10\n');
  assert.equal(sh(t, 'bb', 'echo x | grep y').code, 1);
  assert.equal(t.k('kubectl exec bb -- ls /').stdout, 'bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n');
  assert.equal(t.k('kubectl exec web -- ls /usr/share/nginx/html').stdout, '50x.html\nindex.html\n');
  assert.equal(t.k('kubectl exec web -- ls /nope').stderr, "ls: cannot access '/nope': No such file or directory\ncommand terminated with exit code 2\n");
});

test('a command the image lacks: 126 from the runtime when run directly, 127 from the shell, each shell in its own words', () => {
  const t = cluster();
  let r = t.k('kubectl exec bb -- curl -s web');
  assert.equal(r.exitCode, 126);
  assert.equal(r.stderr, 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown\n'
    + 'netpol-dojo: the busybox image has no curl; images with curl: curlimages/curl, nicolaka/netshoot, nginx\ncommand terminated with exit code 126\n');
  r = t.k('kubectl exec web -- /usr/bin/wget web');
  assert.match(r.stderr, /^OCI runtime exec failed: exec failed: unable to start container process: exec: "\/usr\/bin\/wget": stat \/usr\/bin\/wget: no such file or directory: unknown\n/);
  // busybox ash, Debian dash (nginx's /bin/sh) and bash.
  assert.deepEqual(sh(t, 'bb', 'curl web'), { out: '', err: 'sh: curl: not found\nnetpol-dojo: the busybox image has no curl; images with curl: curlimages/curl, nicolaka/netshoot, nginx\ncommand terminated with exit code 127\n', code: 127 });
  assert.equal(sh(t, 'web', 'frobnicate').err, 'sh: 1: frobnicate: not found\ncommand terminated with exit code 127\n');
  assert.equal(t.k(`kubectl exec web -- bash -c frobnicate`).stderr, 'bash: line 1: frobnicate: command not found\ncommand terminated with exit code 127\n');
  assert.equal(t.k('kubectl exec bb -- bash').exitCode, 126);
  assert.equal(t.k('kubectl exec web -- cd /').exitCode, 126);
  assert.equal(sh(t, 'bb', 'which wget nc; which curl || echo no curl').out, '/usr/bin/wget\n/usr/bin/nc\nno curl\n');
});

test('syntax errors and what the shell does not simulate', () => {
  const t = cluster();
  assert.deepEqual(sh(t, 'bb', 'echo "open'), { out: '', err: 'sh: syntax error: unterminated quoted string\ncommand terminated with exit code 2\n', code: 2 });
  assert.equal(sh(t, 'bb', '| echo').err, 'sh: syntax error: unexpected "|"\ncommand terminated with exit code 2\n');
  assert.equal(sh(t, 'bb', 'echo &&').err, 'sh: syntax error: unexpected end of file\ncommand terminated with exit code 2\n');
  assert.equal(sh(t, 'web', 'echo ;; x').err, 'sh: 1: Syntax error: ";;" unexpected\ncommand terminated with exit code 2\n');
  assert.equal(t.k(`kubectl exec web -- bash -c '&& x'`).stderr, "bash: -c: line 1: syntax error near unexpected token `&&'\nbash: -c: line 1: `&& x'\ncommand terminated with exit code 2\n");
  const loop = sh(t, 'bb', 'for i in 1 2; do echo $i; done');
  assert.equal(loop.code, 2);
  assert.match(loop.err, /^netpol-dojo: the container shell does not simulate "for"/);
  assert.match(sh(t, 'bb', 'echo $(hostname)').err, /does not simulate command substitution/);
  assert.equal(parseScript('x'.repeat(70_000)).ok, false);
});

test('exec -i feeds stdin: a shell without -c runs it line by line; cat reads it', () => {
  const t = cluster();
  let r = t.k('kubectl exec -i bb -- sh', 'echo one\nwget -qO- web | grep -c nginx\nexit 5\necho never\n');
  assert.deepEqual([r.stdout, r.exitCode], ['one\n5\n', 5]);
  r = t.k('kubectl exec -i bb -- cat', 'piped\n');
  assert.equal(r.stdout, 'piped\n');
  r = t.k('kubectl exec bb -- cat', 'ignored without -i\n');
  assert.equal(r.stdout, '');
  r = t.k('kubectl run tmp --rm -i --image=busybox --restart=Never', 'hostname\nwget -qO- -T 2 web | head -n 4 | tail -n 1\n');
  assert.equal(r.stdout, 'tmp\n<title>Welcome to nginx!</title>\npod "tmp" deleted\n');
  assert.equal(t.k('kubectl get pod tmp').exitCode, 1);
});

test('execInContainer: the API for one command, with the sandbox afterwards and errors as values', () => {
  const t = cluster();
  const r = execInContainer(t.sb, { namespace: 'default', name: 'bb' }, ['sh', '-c', 'wget -qO- web >/dev/null; echo $?'], { now: START, tty: false });
  assert.ok(r.ok);
  assert.deepEqual([r.stdout, r.code], ['0\n', 0]);
  assert.notEqual(r.sandbox, t.sb); // nginx logged the request
  const missing = execInContainer(t.sb, { namespace: 'default', name: 'nope' }, ['sh'], { now: START, tty: false });
  assert.deepEqual(missing, { ok: false, reason: 'NotFound', status: 404, message: 'pods "nope" not found', kubectl: 'Error from server (NotFound): pods "nope" not found' });
  const noCurl = execInContainer(t.sb, { namespace: 'default', name: 'bb' }, ['curl', 'web'], { now: START, tty: true });
  assert.ok(noCurl.ok);
  assert.equal(noCurl.code, 126);
});

test('interactive session: prompts per image, state kept between lines, exit and end of input', () => {
  const t = cluster();
  const s0 = startShell(t.sb, { namespace: 'default', name: 'bb' }, ['sh'], { now: START });
  assert.ok(s0.ok && 'session' in s0);
  assert.equal(s0.prompt, '/ # ');
  let session: ShellSession = s0.session;
  let step = shellLine(session, t.sb, 'cd /tmp; X=7; echo hi > f', START);
  assert.equal(step.prompt, '/tmp # ');
  session = step.session;
  step = shellLine(session, t.sb, 'cat f; echo $X; nope', START);
  assert.deepEqual([step.stdout, step.stderr, step.exited], ['hi\n7\nsh: nope: not found\n', '', false], 'a terminal (the default) shows stderr in line');
  step = shellLine(step.session, t.sb, 'echo $?; exit 4', START);
  assert.deepEqual([step.stdout, step.exited, step.code, step.prompt], ['127\n', true, 4, '']);
  const web = startShell(t.sb, { namespace: 'default', name: 'web' }, ['bash'], { now: START });
  assert.ok(web.ok && 'session' in web);
  assert.equal(web.prompt, 'root@web:/# ');
  assert.equal(shellPrompt({ ...web.session, flavor: 'dash', shell: 'sh' }), '# ');
  const eof = shellLine(web.session, t.sb, null, START);
  assert.deepEqual([eof.stdout, eof.exited, eof.code], ['exit\n', true, 0]);
  const noBash = startShell(t.sb, { namespace: 'default', name: 'bb' }, ['bash'], { now: START });
  assert.ok(noBash.ok && !('session' in noBash));
  assert.equal(noBash.code, 126);
});

test('on a terminal (-t) stdout and stderr come in the order they were written, as one screen shows them', () => {
  const t = cluster();
  const s0 = startShell(t.sb, { namespace: 'default', name: 'bb' }, ['sh'], { now: START, tty: true });
  assert.ok(s0.ok && 'session' in s0);
  const step = shellLine(s0.session, t.sb, 'echo one; nope; echo two >&2; echo three', START);
  assert.deepEqual([step.stdout, step.stderr], ['one\nsh: nope: not found\ntwo\nthree\n', '']);
  const plain = startShell(t.sb, { namespace: 'default', name: 'bb' }, ['sh'], { now: START, tty: false });
  assert.ok(plain.ok && 'session' in plain);
  const apart = shellLine(plain.session, t.sb, 'echo one; nope; echo three', START);
  assert.deepEqual([apart.stdout, apart.stderr], ['one\nthree\n', 'sh: nope: not found\n'], 'without a terminal the streams stay apart');
});

function scripted(lines: string[], prompts: string[]): LineSource {
  return {
    next: async (prompt) => { prompts.push(prompt); return lines.length ? lines.shift() ?? null : null; },
    close: () => undefined,
  };
}

async function cli(dir: string, argv: string[], lines: string[] = [], tty = true): Promise<{ code: number; stdout: string; stderr: string; prompts: string[] }> {
  let stdout = '';
  let stderr = '';
  const prompts: string[] = [];
  const code = await runKubectlCommand(['--state', dir, ...argv], {
    stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, env: {}, isTTY: false,
    readStdin: () => lines.map((l) => `${l}\n`).join(''), stdinIsTTY: () => tty, shellLines: () => scripted([...lines], prompts),
  });
  return { code, stdout, stderr, prompts };
}

test('CLI: exec -it and run --rm -it open a shell on the terminal; the access log it causes is saved', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-dojo-shell-'));
  await cli(dir, ['run', 'web', '--image=nginx', '--expose', '--port=80']);
  await cli(dir, ['run', 'bb', '--image=busybox', '--', 'sleep', '3600']);
  let r = await cli(dir, ['exec', '-it', 'bb', '--', 'sh'], ['wget -qO- -T 2 web | grep -c nginx', 'exit 3']);
  assert.deepEqual([r.stdout, r.stderr, r.code, r.prompts], ['5\n', 'command terminated with exit code 3\n', 3, ['/ # ', '/ # ']]);
  r = await cli(dir, ['logs', 'web', '--tail=1']);
  assert.match(r.stdout, /^10\.244\.\d+\.\d+ - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "Wget" "-"\n$/);
  r = await cli(dir, ['run', 't', '--rm', '-it', '--image=busybox'], ['hostname']);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['t\nexit\npod "t" deleted\n', "If you don't see a command prompt, try pressing enter.\n", 0]);
  assert.equal((await cli(dir, ['get', 'pod', 't'])).code, 1);
  // Without a terminal, -t is refused as kubectl does and the piped lines run.
  r = await cli(dir, ['exec', '-it', 'bb', '--', 'sh'], ['echo piped'], false);
  assert.deepEqual([r.stdout, r.stderr, r.code], ['piped\n', 'Unable to use a TTY - input is not a terminal or the right kind of file\n', 0]);
  r = await cli(dir, ['exec', '-it', 'web', '--', 'ash']);
  assert.equal(r.code, 126);
  assert.match(r.stderr, /exec: "ash": executable file not found in \$PATH/);
});
