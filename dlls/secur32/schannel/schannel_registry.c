/*
 * The machine's protocol settings, as Windows keeps them:
 *   HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\<name>\Client|Server
 *   (<name>: TLS 1.0 .. TLS 1.3, DTLS 1.0, DTLS 1.2)
 *     Enabled (DWORD, 0 = never used), DisabledByDefault (DWORD, 1 = used only when asked for)
 *   HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL
 *     ClientCacheTime, ServerCacheTime (DWORD, ms; 0 = no cache), MaximumCacheSize (DWORD, entries)
 * Read at each AcquireCredentialsHandle, so a change applies to new credentials.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

#define SCHANNEL_KEY L"SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
#define PROTOCOLS_KEY SCHANNEL_KEY L"\\Protocols\\"

/* Windows' defaults: ten hours, 20000 entries. */
#define DEFAULT_CACHE_TIME (10 * 60 * 60 * 1000)
#define DEFAULT_CACHE_SIZE 20000

static BOOL read_dword(HKEY key, const WCHAR *name, DWORD *value)
{
    DWORD size = sizeof(*value), type;
    return !RegQueryValueExW(key, name, NULL, &type, (BYTE *)value, &size) && type == REG_DWORD;
}

void schan_registry_protocols(BOOL server, struct schan_registry_protocols *out)
{
    static const struct { const WCHAR *name; DWORD client, server; } protocols[] =
    {
        { L"TLS 1.0", SP_PROT_TLS1_0_CLIENT, SP_PROT_TLS1_0_SERVER },
        { L"TLS 1.1", SP_PROT_TLS1_1_CLIENT, SP_PROT_TLS1_1_SERVER },
        { L"TLS 1.2", SP_PROT_TLS1_2_CLIENT, SP_PROT_TLS1_2_SERVER },
        { L"TLS 1.3", SP_PROT_TLS1_3_CLIENT, SP_PROT_TLS1_3_SERVER },
        { L"DTLS 1.0", SP_PROT_DTLS1_0_CLIENT, SP_PROT_DTLS1_0_SERVER },
        { L"DTLS 1.2", SP_PROT_DTLS1_2_CLIENT, SP_PROT_DTLS1_2_SERVER },
    };
    WCHAR path[128];
    DWORD enabled, by_default, bit;
    BOOL has_enabled, has_by_default;
    unsigned i;
    HKEY key;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < ARRAYSIZE(protocols); i++)
    {
        lstrcpyW(path, PROTOCOLS_KEY);
        lstrcatW(path, protocols[i].name);
        lstrcatW(path, server ? L"\\Server" : L"\\Client");
        if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, path, 0, KEY_READ, &key)) continue;
        bit = server ? protocols[i].server : protocols[i].client;
        has_enabled = read_dword(key, L"Enabled", &enabled);
        has_by_default = read_dword(key, L"DisabledByDefault", &by_default);
        RegCloseKey(key);

        if (has_enabled && !enabled) out->never |= bit;
        else if (has_by_default && by_default) out->off_by_default |= bit;
        else if (has_enabled || has_by_default) out->on_by_default |= bit;
        TRACE("%s %s: never %#lx, off by default %#lx, on by default %#lx\n", dbgstr_w(protocols[i].name),
              server ? "server" : "client", out->never & bit, out->off_by_default & bit, out->on_by_default & bit);
    }
}

void schan_registry_cache(struct schan_registry_cache *out)
{
    HKEY key;

    out->client_time = out->server_time = DEFAULT_CACHE_TIME;
    out->max_entries = DEFAULT_CACHE_SIZE;
    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, SCHANNEL_KEY, 0, KEY_READ, &key)) return;
    read_dword(key, L"ClientCacheTime", &out->client_time);
    read_dword(key, L"ServerCacheTime", &out->server_time);
    read_dword(key, L"MaximumCacheSize", &out->max_entries);
    RegCloseKey(key);
    TRACE("client %lu ms, server %lu ms, %lu entries\n", out->client_time, out->server_time, out->max_entries);
}
