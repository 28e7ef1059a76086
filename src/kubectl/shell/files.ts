// The container's file system as the shell sees it: a few well-known files generated from the pod (resolv.conf,
// hosts, hostname, os-release, nginx's index page), directories for cd and ls, and files written by redirection
// during the command or session. Pure.
import type { Pod } from '../../engine/types.ts';
import type { ImageProfile } from '../images.ts';
import { nginxWelcome } from '../net.ts';
import { CLUSTER_DOMAIN, DNS_SERVICE_IP } from '../sandbox.ts';

/** Bytes the shell's files may hold in total (a redirection past it fails like a full disk). */
export const FILES_LIMIT = 1024 * 1024;

export function normalizePath(path: string, cwd: string): string {
  const abs = path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop(); else out.push(seg);
  }
  return `/${out.join('/')}`;
}

function osRelease(profile: ImageProfile): string | undefined {
  if (profile.repository === 'busybox') return undefined;
  if (profile.sh === 'ash') {
    return 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n';
  }
  return 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n';
}

/** The contents of a file the image or the kubelet provides, or undefined. */
export function staticFile(path: string, pod: Pod, profile: ImageProfile): string | undefined {
  switch (path) {
    case '/etc/resolv.conf': return `search ${pod.namespace}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${DNS_SERVICE_IP}\noptions ndots:5\n`;
    case '/etc/hostname': return `${pod.name}\n`;
    case '/etc/hosts': return `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.ip}\t${pod.name}\n`;
    case '/etc/os-release': return osRelease(profile);
    case '/etc/passwd': return profile.user === 'root' ? 'root:x:0:0:root:/root:/bin/sh\n' : `root:x:0:0:root:/root:/bin/sh\n${profile.user}:x:100:101:Linux User,,,:${profile.home}:/bin/sh\n`;
    case '/usr/share/nginx/html/index.html': return profile.repository === 'nginx' ? nginxWelcome() : undefined;
    case '/dev/null': return '';
    default: return undefined;
  }
}

const COMMON_DIRS = ['/', '/bin', '/dev', '/etc', '/home', '/lib', '/proc', '/root', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/usr/sbin', '/usr/share', '/var', '/var/log', '/run', '/sbin', '/mnt', '/opt', '/srv'];

/** The entries of / as `ls /` prints them. */
export function rootEntries(profile: ImageProfile): string[] {
  if (profile.sh === 'ash') return ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'];
  const extra = profile.repository === 'nginx' ? ['docker-entrypoint.d', 'docker-entrypoint.sh'] : profile.repository === 'postgres' ? ['docker-entrypoint-initdb.d'] : profile.repository === 'redis' ? ['data'] : [];
  return ['bin', 'boot', 'dev', ...extra, 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'].sort();
}

export function isDirectory(path: string, profile: ImageProfile, files: Readonly<Record<string, string>>): boolean {
  if (COMMON_DIRS.includes(path) || path === profile.home || path === profile.workdir) return true;
  if (profile.repository === 'nginx' && ['/usr/share/nginx', '/usr/share/nginx/html', '/etc/nginx', '/etc/nginx/conf.d', '/docker-entrypoint.d'].includes(path)) return true;
  const prefix = `${path}/`;
  return Object.keys(files).some((f) => f.startsWith(prefix));
}

/** The names in a directory: the image's few known ones and the files written there. */
export function directoryEntries(path: string, profile: ImageProfile, files: Readonly<Record<string, string>>): string[] {
  const names = new Set<string>(path === '/' ? rootEntries(profile) : []);
  if (path === '/etc') for (const n of ['hostname', 'hosts', 'passwd', 'resolv.conf', ...(osRelease(profile) ? ['os-release'] : [])]) names.add(n);
  if (profile.repository === 'nginx' && path === '/usr/share/nginx/html') { names.add('50x.html'); names.add('index.html'); }
  const prefix = path === '/' ? '/' : `${path}/`;
  for (const f of Object.keys(files)) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0]);
  return [...names].sort();
}
