// Container images the simulator knows: which shell and network tools each one ships, what its main process
// does when the pod starts without a command, and what (if anything) it serves. One table; an image is matched
// by its repository, ignoring registry, tag and digest ("docker.io/library/nginx:1.27" is nginx). Pure.

/** The tools whose presence differs between images (core utilities such as cat or grep are everywhere). */
export type Tool = 'curl' | 'wget' | 'nc' | 'nslookup' | 'dig' | 'ping' | 'bash';

/** The shell behind /bin/sh: busybox ash, Debian's dash, or bash; each words its errors its own way. */
export type ShellFlavor = 'ash' | 'dash' | 'bash';

/** What the image's own process does when the pod gives no command. */
export type DefaultProcess =
  /** A long-running server (or daemon): the pod keeps running. */
  | 'serves'
  /** A shell or a one-shot tool: it ends at once without a terminal. */
  | 'exits'
  /** It ends at once with an error (curl with no URL). */
  | 'fails';

/** What a server image writes to its log for each connection. */
export type LogStyle = 'nginx' | 'httpd' | 'postgres' | 'plain' | 'none';

export interface ImageProfile {
  /** The repository the profile is for ("nginx", "curlimages/curl"), or "" for an unknown image. */
  readonly repository: string;
  readonly tools: readonly Tool[];
  /** /bin/sh. */
  readonly sh: ShellFlavor;
  readonly user: 'root' | string;
  readonly home: string;
  readonly workdir: string;
  readonly process: DefaultProcess;
  /** Ports its server listens on whatever the pod declares. */
  readonly serves: readonly number[];
  readonly log: LogStyle;
  /** The lines the server logs when it starts. */
  readonly startup?: readonly string[];
}

const BUSYBOX_NET: readonly Tool[] = ['wget', 'nc', 'nslookup', 'ping'];

const NGINX_STARTUP = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

const base = { user: 'root', home: '/root', workdir: '/', serves: [], log: 'none' } as const;

/** Repository → profile. */
const IMAGES: Readonly<Record<string, ImageProfile>> = {
  busybox: { ...base, repository: 'busybox', tools: BUSYBOX_NET, sh: 'ash', process: 'exits' },
  alpine: { ...base, repository: 'alpine', tools: BUSYBOX_NET, sh: 'ash', process: 'exits' },
  'curlimages/curl': { ...base, repository: 'curlimages/curl', tools: ['curl', ...BUSYBOX_NET], sh: 'ash', user: 'curl_user', home: '/home/curl_user', workdir: '/home/curl_user', process: 'fails' },
  'nicolaka/netshoot': { ...base, repository: 'nicolaka/netshoot', tools: ['curl', 'wget', 'nc', 'nslookup', 'dig', 'ping', 'bash'], sh: 'ash', workdir: '/root', process: 'exits' },
  nginx: { ...base, repository: 'nginx', tools: ['curl', 'bash'], sh: 'dash', process: 'serves', serves: [80], log: 'nginx', startup: NGINX_STARTUP },
  httpd: { ...base, repository: 'httpd', tools: ['bash'], sh: 'dash', workdir: '/usr/local/apache2', process: 'serves', serves: [80], log: 'httpd' },
  postgres: { ...base, repository: 'postgres', tools: ['bash'], sh: 'dash', process: 'serves', serves: [5432], log: 'postgres' },
  redis: { ...base, repository: 'redis', tools: ['bash'], sh: 'dash', workdir: '/data', process: 'serves', serves: [6379], log: 'none' },
};

/** Unknown images: a POSIX sh and the core utilities, no network tools; the process is taken to be a server. */
const UNKNOWN: ImageProfile = { ...base, repository: '', tools: [], sh: 'dash', process: 'serves', log: 'plain' };

/** The repository of an image reference: registry host, "library/", tag and digest removed. */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase().replace(/@.*$/, '');
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return parts.join('/');
}

function imageTag(image: string): string {
  const ref = image.trim().toLowerCase().replace(/@.*$/, '');
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? ref.slice(colon + 1) : 'latest';
}

/**
 * The profile of an image. An Alpine-based tag of a Debian-based image ("nginx:1.27-alpine") has busybox's
 * sh and applets instead of bash, and keeps the image's own tools.
 */
export function imageProfile(image: string): ImageProfile {
  const repo = imageRepository(image);
  const known = IMAGES[repo];
  if (!known) return UNKNOWN;
  if (known.sh === 'dash' && /(^|-)alpine/.test(imageTag(image))) {
    return { ...known, sh: 'ash', tools: [...new Set([...known.tools.filter((t) => t !== 'bash'), ...BUSYBOX_NET])] };
  }
  return known;
}

export function hasTool(profile: ImageProfile, tool: Tool): boolean {
  return profile.tools.includes(tool);
}

/** The known images that ship a tool, for hints. */
export function imagesWithTool(tool: Tool): string[] {
  return Object.keys(IMAGES).filter((r) => IMAGES[r].tools.includes(tool));
}

/** The repositories in the table (README and tests list them). */
export function knownImages(): string[] {
  return Object.keys(IMAGES);
}

/** Which of a command's names is a per-image tool ("ncat" and "netcat" are nc). */
export function toolOf(command: string): Tool | undefined {
  switch (command) {
    case 'curl': case 'wget': case 'nslookup': case 'dig': case 'ping': case 'bash': return command;
    case 'nc': case 'ncat': case 'netcat': return 'nc';
    default: return undefined;
  }
}
