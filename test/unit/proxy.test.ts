import { describe, expect, it } from '@jest/globals';
import {
  bypassesProxy,
  hasProxyVariable,
  proxyFor,
  readProxySettings,
  redactProxyUrl,
} from '../../packages/common/proxy.js';

const via = (url: string, env: NodeJS.ProcessEnv) => proxyFor(new URL(url), readProxySettings(env))?.url.href;

describe('which proxy variable applies', () => {
  it('HTTPS_PROXY for https, HTTP_PROXY for http, and neither for the other', () => {
    const env = { HTTPS_PROXY: 'http://secure:3128', HTTP_PROXY: 'http://plain:3128' };
    expect(via('https://ghcr.io/v2/', env)).toBe('http://secure:3128/');
    expect(via('http://registry.lan:5000/v2/', env)).toBe('http://plain:3128/');
    expect(via('https://ghcr.io/v2/', { HTTP_PROXY: 'http://plain:3128' })).toBeUndefined();
    expect(via('http://registry.lan/v2/', { HTTPS_PROXY: 'http://secure:3128' })).toBeUndefined();
  });

  it('the lower-case form wins over the upper-case one; an empty value is unset', () => {
    expect(via('https://ghcr.io/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })).toBe(
      'http://lower:1/',
    );
    expect(via('https://ghcr.io/', { https_proxy: '', HTTPS_PROXY: 'http://upper:2' })).toBe('http://upper:2/');
    expect(hasProxyVariable({ HTTPS_PROXY: '', NO_PROXY: 'x' })).toBe(false);
    expect(readProxySettings({ NO_PROXY: '*' })).toBeUndefined();
  });

  it('a proxy without a scheme is http://; https:// proxies are kept; userinfo becomes Proxy-Authorization', () => {
    expect(via('https://ghcr.io/', { HTTPS_PROXY: 'proxy.corp:8080' })).toBe('http://proxy.corp:8080/');
    expect(via('https://ghcr.io/', { HTTPS_PROXY: 'https://proxy.corp' })).toBe('https://proxy.corp/');
    const choice = readProxySettings({ HTTPS_PROXY: 'http://me%40corp:p%3Ass@proxy:3128' })?.https;
    expect(choice?.url.href).toBe('http://proxy:3128/');
    expect(choice?.authorization).toBe(`Basic ${Buffer.from('me@corp:p:ss').toString('base64')}`);
    expect(choice?.variable).toBe('HTTPS_PROXY');
  });

  it('refuses what is not an http(s) proxy URL, the password redacted', () => {
    expect(() => readProxySettings({ HTTP_PROXY: 'socks5h://u:secret@proxy:1080' })).toThrow(
      'HTTP_PROXY: "socks5h://u:***@proxy:1080" is not accepted: socks5h proxies are not supported',
    );
    expect(() => readProxySettings({ https_proxy: 'http://u:secret@' })).toThrow(/"http:\/\/u:\*\*\*@"/);
  });

  it('redacts passwords, and tokens given as a user name alone', () => {
    expect(redactProxyUrl('http://user:pa:ss@proxy:3128')).toBe('http://user:***@proxy:3128');
    expect(redactProxyUrl('http://tokenonly@proxy')).toBe('http://***@proxy');
    expect(redactProxyUrl('user:pw@proxy:3128')).toBe('user:***@proxy:3128');
    expect(redactProxyUrl('http://proxy:3128')).toBe('http://proxy:3128');
    expect(redactProxyUrl('http://user:p@ss/w0rd@proxy:3128')).toBe('http://user:***@proxy:3128');
    expect(() => readProxySettings({ HTTPS_PROXY: 'socks5://user:p@ss/w0rd@proxy:1080' })).toThrow(
      'HTTPS_PROXY: "socks5://user:***@proxy:1080" is not accepted',
    );
  });
});

describe('NO_PROXY', () => {
  const cases: [string, string, number, boolean][] = [
    // a name matches itself and its subdomains, with or without a leading dot or *.
    ['example.com', 'example.com', 443, true],
    ['example.com', 'registry.example.com', 443, true],
    ['example.com', 'notexample.com', 443, false],
    ['.example.com', 'example.com', 443, true],
    ['.example.com', 'a.b.example.com', 443, true],
    ['*.example.com', 'registry.example.com', 443, true],
    ['Example.COM.', 'registry.example.com', 443, true],
    ['example.com', 'Registry.Example.com.', 443, true],
    // `*` alone bypasses every host; inside a list too
    ['*', 'ghcr.io', 443, true],
    ['foo, *', 'ghcr.io', 443, true],
    // separators: commas and spaces, empty entries skipped
    [' ghcr.io , ,quay.io ', 'quay.io', 443, true],
    ['ghcr.io quay.io', 'quay.io', 443, true],
    // host:port matches that port only (the runner's `myserver.local:443`)
    ['myserver.local:443', 'myserver.local', 443, true],
    ['myserver.local:443', 'myserver.local', 5000, false],
    // IPs: the address, a range, IPv6 in any spelling
    ['10.1.2.3', '10.1.2.3', 443, true],
    ['10.1.2.3', '10.1.2.30', 443, false],
    ['10.0.0.0/8', '10.200.1.1', 443, true],
    ['10.0.0.0/8', '11.0.0.1', 443, false],
    ['fd00::1', '[fd00:0:0::1]', 443, true],
    ['[fd00::1]:5000', '[fd00::1]', 5000, true],
    ['fd00::/16', '[fd00::abcd]', 443, true],
    // an IP entry never matches a name, nor a name an IP
    ['10.1.2.3', 'host10.1.2.3', 443, false],
    ['', 'ghcr.io', 443, false],
    // loopback never goes through a proxy
    ['', 'localhost', 5000, true],
    ['', 'registry.localhost', 5000, true],
    ['', '127.0.0.1', 5000, true],
    ['', '127.1.2.3', 5000, true],
    ['', '[::1]', 5000, true],
  ];
  it.each(cases)('NO_PROXY=%j, host %s, port %d: bypassed %s', (noProxy, host, port, bypassed) => {
    expect(bypassesProxy(host, port, noProxy)).toBe(bypassed);
  });

  it('the default port of the scheme counts for host:port entries', () => {
    const env = { HTTPS_PROXY: 'http://p:1', HTTP_PROXY: 'http://p:1', NO_PROXY: 'ghcr.io:443,registry.lan:80' };
    expect(via('https://ghcr.io/v2/', env)).toBeUndefined();
    expect(via('https://ghcr.io:8443/v2/', env)).toBe('http://p:1/');
    expect(via('http://registry.lan/v2/', env)).toBeUndefined();
  });

  it('no_proxy wins over NO_PROXY', () => {
    expect(via('https://ghcr.io/', { HTTPS_PROXY: 'http://p:1', no_proxy: 'quay.io', NO_PROXY: 'ghcr.io' })).toBe(
      'http://p:1/',
    );
  });
});
