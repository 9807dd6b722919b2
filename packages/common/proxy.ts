import { BlockList, isIP } from 'node:net';
import { InputError } from './errors.js';

/*
 * Proxy settings from the environment, for the registry transport and the GitHub client alike.
 *
 * Read as curl (https://curl.se/docs/manpage.html#ENVIRONMENT) and the Actions runner
 * (https://docs.github.com/en/actions/hosting-your-own-runners/managing-self-hosted-runners/using-a-proxy-server-with-self-hosted-runners)
 * read them:
 * - `https_proxy` / `HTTPS_PROXY` for https URLs, `http_proxy` / `HTTP_PROXY` for http URLs; the
 *   lower-case form wins when both are set (the runner's rule; curl reads only `http_proxy` in
 *   lower case). An empty value is unset. A value without a scheme is `http://` (curl). The proxy
 *   may be `http://` or `https://` (TLS to the proxy); userinfo becomes Proxy-Authorization (Basic).
 * - `no_proxy` / `NO_PROXY`: entries separated by commas or spaces; `*` alone bypasses every host;
 *   a name matches itself and every subdomain, with or without a leading `.` or `*.`
 *   (`example.com`, `.example.com` and `*.example.com` all match `registry.example.com`); an IP
 *   matches that address; an IP with `/bits` matches the range (curl 7.86); `host:port` matches
 *   that port only (the runner's `myserver.local:443`).
 * - Loopback (`localhost`, `*.localhost`, 127.0.0.0/8, ::1) never goes through a proxy, as the
 *   runner's own HTTP client (@actions/http-client, used by every JavaScript action) and Go's
 *   golang.org/x/net/http/httpproxy (docker, skopeo, crane) decide: a proxy on another machine
 *   cannot reach this runner's loopback. curl is the exception there.
 *
 * Why not proxy-from-env or undici's EnvHttpProxyAgent for these rules: both read `process.env`
 * only (the clients take an injected `env`, the CLI's `io.env` and the tests' own), and both match
 * `example.com` against that exact host only, where curl and the runner also bypass its
 * subdomains. What the libraries do well — the CONNECT tunnel, TLS through it, Proxy-Authorization,
 * keep-alive — stays in them (hpagent for node:http, undici's ProxyAgent for the GitHub client).
 */

export interface ProxyChoice {
  /** the proxy, without userinfo (safe to print) */
  url: URL;
  /** `Basic …` from the proxy URL's userinfo, for Proxy-Authorization; never printed */
  authorization?: string;
  /** the variable it came from, for messages: `HTTPS_PROXY` */
  variable: string;
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] as const;

/** Whether any proxy variable is set: without one, callers need not load any proxy support. */
export function hasProxyVariable(env: NodeJS.ProcessEnv): boolean {
  return PROXY_VARIABLES.some((name) => !!env[name]);
}

function variable(env: NodeJS.ProcessEnv, lower: string): { name: string; value: string } | undefined {
  const upper = lower.toUpperCase();
  if (env[lower]) return { name: lower, value: env[lower] };
  if (env[upper]) return { name: upper, value: env[upper] };
  return undefined;
}

/**
 * A proxy URL with its password replaced by `***`, for messages. Everything before the last `@`
 * is userinfo, so a password with an unencoded `@` or `/` is hidden whole; a user name alone may
 * be a token and is hidden too.
 */
export function redactProxyUrl(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value)?.[0] ?? '';
  const rest = value.slice(scheme.length);
  const at = rest.lastIndexOf('@');
  if (at < 0) return value;
  const userinfo = rest.slice(0, at);
  const colon = userinfo.indexOf(':');
  return `${scheme}${colon >= 0 ? `${userinfo.slice(0, colon)}:***` : '***'}${rest.slice(at)}`;
}

/** The proxy URL a variable holds, parsed; an InputError (the password kept out) when it is not one. */
export function parseProxyUrl(name: string, value: string): ProxyChoice {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const shown = redactProxyUrl(value);
  const accepted =
    'an http:// or https:// proxy URL, e.g. http://proxy.example:3128 or http://user:password@proxy:3128';
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InputError(name, shown, accepted, 'it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InputError(name, shown, accepted, `${url.protocol.slice(0, -1)} proxies are not supported`);
  if (!url.hostname) throw new InputError(name, shown, accepted, 'it names no host');
  let authorization: string | undefined;
  if (url.username || url.password) {
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const bare = new URL(`${url.protocol}//${url.host}`);
  return { url: bare, variable: name, ...(authorization ? { authorization } : {}) };
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

/** A host in URL form (`[::1]`, `Registry.Example.`) as the rules compare it (`::1`, `registry.example`). */
function plainHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

function canonicalIp(ip: string): string {
  return isIP(ip) === 6 ? plainHost(new URL(`http://[${ip}]`).hostname) : ip;
}

/** Whether NO_PROXY (or loopback) sends a request to this host and port directly. */
export function bypassesProxy(hostname: string, port: number, noProxy: string): boolean {
  const host = plainHost(hostname);
  if (isLoopback(host)) return true;
  const hostIp = isIP(host);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const withPort = bracketed ? undefined : /^([^:]+):(\d+)$/.exec(entry);
    const parts = bracketed ?? withPort;
    if (parts) {
      entry = parts[1];
      if (parts[2] !== undefined) entryPort = Number(parts[2]);
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    if (cidr) {
      const family = isIP(cidr[1]);
      if (!family || !hostIp) continue;
      const list = new BlockList();
      try {
        list.addSubnet(cidr[1], Number(cidr[2]), family === 6 ? 'ipv6' : 'ipv4');
      } catch {
        continue;
      }
      if (list.check(host, hostIp === 6 ? 'ipv6' : 'ipv4')) return true;
      continue;
    }
    if (isIP(entry)) {
      if (hostIp && canonicalIp(entry) === canonicalIp(host)) return true;
      continue;
    }
    const domain = plainHost(entry.replace(/^\*?\.?/, ''));
    if (!domain) continue;
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/** The proxy variables of one environment, parsed once; see readProxySettings. */
export interface ProxySettings {
  http?: ProxyChoice;
  https?: ProxyChoice;
  noProxy: string;
}

/**
 * The proxy variables of `env`, or undefined when none is set (a direct connection for every
 * request, and no proxy support to load). Throws an InputError, the password redacted, when a
 * variable holds no usable proxy URL: a setting to fix, found before any request is sent.
 */
export function readProxySettings(env: NodeJS.ProcessEnv): ProxySettings | undefined {
  if (!hasProxyVariable(env)) return undefined;
  const https = variable(env, 'https_proxy');
  const http = variable(env, 'http_proxy');
  return {
    ...(https ? { https: parseProxyUrl(https.name, https.value) } : {}),
    ...(http ? { http: parseProxyUrl(http.name, http.value) } : {}),
    noProxy: variable(env, 'no_proxy')?.value ?? '',
  };
}

/** The proxy a request to `target` goes through, or undefined for a direct connection. */
export function proxyFor(target: URL, settings: ProxySettings | undefined): ProxyChoice | undefined {
  if (!settings) return undefined;
  const proxy = target.protocol === 'https:' ? settings.https : target.protocol === 'http:' ? settings.http : undefined;
  if (!proxy) return undefined;
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol];
  return bypassesProxy(target.hostname, port, settings.noProxy) ? undefined : proxy;
}
