/*
 * Loading the LSA packages: the keys under HKLM\System\CurrentControlSet\Control\Lsa (Kerberos ->
 * kerberos.dll, MSV1_0 -> msv1_0.dll) and the SSP/APs named in the SecurityProviders value, each
 * through SpLsaModeInitialize and SpUserModeInitialize, with this process as their LSA.
 *
 * Only where the process's sspicli.dll forwards back to this DLL (Wine's does) is there no LSA to
 * reach; on Windows the packages live in the real LSA and are forwarded (sspicli_forward.c).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

struct lsa_package lsa_packages[LSA_MAX_PACKAGES];
ULONG lsa_package_count;
struct sspi_package lsa_sspi_packages[LSA_MAX_PACKAGES];
ULONG lsa_sspi_package_count;

static const WCHAR lsa_key[] = L"System\\CurrentControlSet\\Control\\Lsa";
static const WCHAR providers_key[] = L"System\\CurrentControlSet\\Control\\SecurityProviders";

/* Under Wine, sspicli's exports are forwarders into secur32, that is into us: asking sspicli for
 * the packages would come straight back here. */
static BOOL sspicli_loops_back(HMODULE sspicli)
{
    HMODULE self = NULL, owner = NULL;
    FARPROC func = GetProcAddress(sspicli, "AcquireCredentialsHandleW");

    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (const WCHAR *)sspicli_loops_back, &self);
    if (func) GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                                 (const WCHAR *)func, &owner);
    return !func || owner == self;
}

/* This DLL and any schannel.dll (the one DLL that exports SslCrackCertificate) are never hosted:
 * Schannel is ours in every case. */
static BOOL is_ours(HMODULE module)
{
    HMODULE self = NULL;

    GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS | GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                       (const WCHAR *)is_ours, &self);
    return module == self || GetProcAddress(module, "SslCrackCertificate");
}

static BOOL init_user_mode(struct lsa_package *package)
{
    SpUserModeInitializeFn init;
    ULONG version, count;

    if (!(init = (SpUserModeInitializeFn)GetProcAddress(package->module, SECPKG_USERMODEINIT_NAME))) return TRUE;
    if (init(SECPKG_INTERFACE_VERSION, &version, &package->user, &count) || !count || !package->user)
    {
        package->user = NULL;
        return TRUE;
    }
    if (package->user->InstanceInit &&
        package->user->InstanceInit(SECPKG_INTERFACE_VERSION, &lsa_dll_functions, NULL))
    {
        WARN("InstanceInit failed\n");
        package->user = NULL;
    }
    return TRUE;
}

static BOOL init_package(struct lsa_package *package, ULONG id)
{
    SpLsaModeInitializeFn init;
    ULONG count;
    NTSTATUS status;

    if (!(init = (SpLsaModeInitializeFn)GetProcAddress(package->module, SECPKG_LSAMODEINIT_NAME))) return FALSE;
    if ((status = init(SECPKG_INTERFACE_VERSION, &package->version, &package->lsa, &count)) || !count || !package->lsa)
    {
        WARN("SpLsaModeInitialize: %#lx\n", status);
        return FALSE;
    }
    if (!package->lsa->InitializePackage || !package->lsa->GetInfo) return FALSE;
    if ((status = package->lsa->InitializePackage(id, &lsa_dispatch_table, NULL, NULL, &package->lsa_name)))
    {
        WARN("InitializePackage: %#lx\n", status);
        return FALSE;
    }
    if (package->lsa->Initialize && (status = package->lsa->Initialize(id, NULL, NULL)))
    {
        WARN("SpInitialize: %#lx\n", status);
        return FALSE;
    }
    if ((status = package->lsa->GetInfo((void *)&package->info)) || !package->info.Name) return FALSE;
    package->package_id = id;
    return init_user_mode(package);
}

static BOOL is_hosted(HMODULE module)
{
    ULONG i;

    for (i = 0; i < lsa_package_count; i++) if (lsa_packages[i].module == module) return TRUE;
    return FALSE;
}

/* TRUE when DLL's package is hosted, now or before.  Entries are complete before the count
 * grows: readers walk the list without a lock. */
BOOL lsa_load_package(const WCHAR *dll)
{
    struct lsa_package *package = &lsa_packages[lsa_package_count];
    struct sspi_package *entry = &lsa_sspi_packages[lsa_package_count];
    HMODULE module;

    if (!(module = LoadLibraryW(dll))) return FALSE;
    if (is_hosted(module))
    {
        FreeLibrary(module);
        return TRUE;
    }
    if (lsa_package_count == LSA_MAX_PACKAGES || is_ours(module))
    {
        FreeLibrary(module);
        return FALSE;
    }
    memset(package, 0, sizeof(*package));
    package->module = module;
    if (!init_package(package, lsa_package_count + 1) || lsa_find_package_w(package->info.Name))
    {
        TRACE("%s is not an LSA package we can host\n", dbgstr_w(dll));
        FreeLibrary(module);
        return FALSE;
    }
    TRACE("%s: %s, capabilities %#lx, max token %lu\n", dbgstr_w(dll), dbgstr_w(package->info.Name),
          package->info.fCapabilities, package->info.cbMaxToken);
    entry->name = package->info.Name;
    entry->comment = package->info.Comment ? package->info.Comment : L"";
    entry->capabilities = package->info.fCapabilities;
    entry->version = package->info.wVersion;
    entry->rpc_id = package->info.wRPCID;
    entry->max_token = package->info.cbMaxToken;
    entry->ops = &lsa_package_ops;
    MemoryBarrier();
    lsa_sspi_package_count = ++lsa_package_count;
    /* Negotiate is listed when one of the packages it negotiates is there. */
    if (lsa_find_package_w(L"Kerberos") || lsa_find_package_w(L"NTLM")) negotiate_package_count = 1;
    return TRUE;
}

static void load_lsa_keys(void)
{
    WCHAR name[MAX_PATH];
    HKEY key;
    DWORD i;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, lsa_key, 0, KEY_READ, &key)) return;
    for (i = 0; !RegEnumKeyW(key, i, name, ARRAYSIZE(name)); i++) lsa_load_package(name);
    RegCloseKey(key);
}

/* "SecurityProviders" is a comma-separated list of DLL names. */
static void load_security_providers(void)
{
    WCHAR list[1024], *dll, *next;
    DWORD size = sizeof(list) - sizeof(WCHAR), type;
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, providers_key, 0, KEY_READ, &key)) return;
    if (!RegQueryValueExW(key, L"SecurityProviders", NULL, &type, (BYTE *)list, &size) &&
        (type == REG_SZ || type == REG_EXPAND_SZ))
    {
        list[size / sizeof(WCHAR)] = 0;
        for (dll = list; dll; dll = next)
        {
            if ((next = wcschr(dll, ','))) *next++ = 0;
            while (*dll == ' ') dll++;
            if (*dll) lsa_load_package(dll);
        }
    }
    RegCloseKey(key);
}

static BOOL WINAPI load_once(INIT_ONCE *once, void *param, void **context)
{
    HMODULE sspicli = LoadLibraryW(L"sspicli.dll");

    if (sspicli && !sspicli_loops_back(sspicli))
    {
        TRACE("forwarding the LSA's packages to sspicli.dll\n");
        lsa_forward_packages(sspicli);
        return TRUE;
    }
    if (sspicli) FreeLibrary(sspicli);
    load_lsa_keys();
    load_security_providers();
    return TRUE;
}

void lsa_load_packages(void)
{
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;

    InitOnceExecuteOnce(&once, load_once, NULL, NULL);
}

const struct lsa_package *lsa_find_package_w(const WCHAR *name)
{
    ULONG i;

    for (i = 0; i < lsa_package_count; i++)
        if (!lstrcmpiW(lsa_packages[i].info.Name, name)) return &lsa_packages[i];
    return NULL;
}

/* LSA names are counted ANSI strings and compare with case, as RtlEqualString(..., FALSE) does. */
const struct lsa_package *lsa_find_package_a(const char *name, USHORT length)
{
    ULONG i;

    lsa_load_packages();
    for (i = 0; i < lsa_package_count; i++)
    {
        const LSA_STRING *own = lsa_packages[i].lsa_name;
        if (own && own->Length == length && !memcmp(own->Buffer, name, length)) return &lsa_packages[i];
    }
    return NULL;
}
