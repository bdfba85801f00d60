/*
 * InitSecurityInterfaceA/W: complete function tables whose entries are the exported functions.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stddef.h>

#include "wine/test.h"
#include "test_support.h"

struct slot
{
    size_t offset;
    const char *export;     /* NULL: a reserved slot, NULL on Windows */
};

#define SLOT(table, field, name) { offsetof(table, field), name }

static const struct slot slots_w[] =
{
    SLOT(SecurityFunctionTableW, EnumerateSecurityPackagesW, "EnumerateSecurityPackagesW"),
    SLOT(SecurityFunctionTableW, QueryCredentialsAttributesW, "QueryCredentialsAttributesW"),
    SLOT(SecurityFunctionTableW, AcquireCredentialsHandleW, "AcquireCredentialsHandleW"),
    SLOT(SecurityFunctionTableW, FreeCredentialsHandle, "FreeCredentialsHandle"),
    SLOT(SecurityFunctionTableW, Reserved2, NULL),
    SLOT(SecurityFunctionTableW, InitializeSecurityContextW, "InitializeSecurityContextW"),
    SLOT(SecurityFunctionTableW, AcceptSecurityContext, "AcceptSecurityContext"),
    SLOT(SecurityFunctionTableW, CompleteAuthToken, "CompleteAuthToken"),
    SLOT(SecurityFunctionTableW, DeleteSecurityContext, "DeleteSecurityContext"),
    SLOT(SecurityFunctionTableW, ApplyControlToken, "ApplyControlToken"),
    SLOT(SecurityFunctionTableW, QueryContextAttributesW, "QueryContextAttributesW"),
    SLOT(SecurityFunctionTableW, ImpersonateSecurityContext, "ImpersonateSecurityContext"),
    SLOT(SecurityFunctionTableW, RevertSecurityContext, "RevertSecurityContext"),
    SLOT(SecurityFunctionTableW, MakeSignature, "MakeSignature"),
    SLOT(SecurityFunctionTableW, VerifySignature, "VerifySignature"),
    SLOT(SecurityFunctionTableW, FreeContextBuffer, "FreeContextBuffer"),
    SLOT(SecurityFunctionTableW, QuerySecurityPackageInfoW, "QuerySecurityPackageInfoW"),
    SLOT(SecurityFunctionTableW, ExportSecurityContext, "ExportSecurityContext"),
    SLOT(SecurityFunctionTableW, ImportSecurityContextW, "ImportSecurityContextW"),
    SLOT(SecurityFunctionTableW, AddCredentialsW, "AddCredentialsW"),
    SLOT(SecurityFunctionTableW, Reserved8, NULL),
    SLOT(SecurityFunctionTableW, QuerySecurityContextToken, "QuerySecurityContextToken"),
    SLOT(SecurityFunctionTableW, EncryptMessage, "EncryptMessage"),
    SLOT(SecurityFunctionTableW, DecryptMessage, "DecryptMessage"),
    SLOT(SecurityFunctionTableW, SetContextAttributesW, "SetContextAttributesW"),
    SLOT(SecurityFunctionTableW, SetCredentialsAttributesW, "SetCredentialsAttributesW"),
};

static const struct slot slots_a[] =
{
    SLOT(SecurityFunctionTableA, EnumerateSecurityPackagesA, "EnumerateSecurityPackagesA"),
    SLOT(SecurityFunctionTableA, QueryCredentialsAttributesA, "QueryCredentialsAttributesA"),
    SLOT(SecurityFunctionTableA, AcquireCredentialsHandleA, "AcquireCredentialsHandleA"),
    SLOT(SecurityFunctionTableA, FreeCredentialHandle, "FreeCredentialsHandle"),
    SLOT(SecurityFunctionTableA, Reserved2, NULL),
    SLOT(SecurityFunctionTableA, InitializeSecurityContextA, "InitializeSecurityContextA"),
    SLOT(SecurityFunctionTableA, AcceptSecurityContext, "AcceptSecurityContext"),
    SLOT(SecurityFunctionTableA, CompleteAuthToken, "CompleteAuthToken"),
    SLOT(SecurityFunctionTableA, DeleteSecurityContext, "DeleteSecurityContext"),
    SLOT(SecurityFunctionTableA, ApplyControlToken, "ApplyControlToken"),
    SLOT(SecurityFunctionTableA, QueryContextAttributesA, "QueryContextAttributesA"),
    SLOT(SecurityFunctionTableA, ImpersonateSecurityContext, "ImpersonateSecurityContext"),
    SLOT(SecurityFunctionTableA, RevertSecurityContext, "RevertSecurityContext"),
    SLOT(SecurityFunctionTableA, MakeSignature, "MakeSignature"),
    SLOT(SecurityFunctionTableA, VerifySignature, "VerifySignature"),
    SLOT(SecurityFunctionTableA, FreeContextBuffer, "FreeContextBuffer"),
    SLOT(SecurityFunctionTableA, QuerySecurityPackageInfoA, "QuerySecurityPackageInfoA"),
    SLOT(SecurityFunctionTableA, ExportSecurityContext, "ExportSecurityContext"),
    SLOT(SecurityFunctionTableA, ImportSecurityContextA, "ImportSecurityContextA"),
    SLOT(SecurityFunctionTableA, AddCredentialsA, "AddCredentialsA"),
    SLOT(SecurityFunctionTableA, Reserved8, NULL),
    SLOT(SecurityFunctionTableA, QuerySecurityContextToken, "QuerySecurityContextToken"),
    SLOT(SecurityFunctionTableA, EncryptMessage, "EncryptMessage"),
    SLOT(SecurityFunctionTableA, DecryptMessage, "DecryptMessage"),
    SLOT(SecurityFunctionTableA, SetContextAttributesA, "SetContextAttributesA"),
    SLOT(SecurityFunctionTableA, SetCredentialsAttributesA, "SetCredentialsAttributesA"),
};

static void check_table(const void *table, const struct slot *slots, unsigned count, const char *which)
{
    HMODULE secur32 = GetModuleHandleA("secur32.dll");
    unsigned i;

    for (i = 0; i < count; i++)
    {
        void *entry = *(void *const *)((const char *)table + slots[i].offset);

        if (!slots[i].export)
        {
            ok(!entry, "%s: reserved slot at %u is %p\n", which, (unsigned)slots[i].offset, entry);
            continue;
        }
        /* Wine 8 exports no SetCredentialsAttributes and fills that slot with a placeholder. */
        todo_builtin_if(!strncmp(slots[i].export, "SetCredentialsAttributes", 24))
        ok(entry && entry == (void *)GetProcAddress(secur32, slots[i].export), "%s: %s is %p, export %p\n",
                        which, slots[i].export, entry, GetProcAddress(secur32, slots[i].export));
    }
}

static void test_tables(void)
{
    SecurityFunctionTableW *table_w = InitSecurityInterfaceW();
    SecurityFunctionTableA *table_a = InitSecurityInterfaceA();
    SecPkgInfoW *info;
    ULONG count;

    ok(table_w != NULL, "InitSecurityInterfaceW returned NULL\n");
    ok(table_a != NULL, "InitSecurityInterfaceA returned NULL\n");
    if (!table_w || !table_a) return;
    todo_builtin ok(table_w->dwVersion == SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4, "W version %lu\n", table_w->dwVersion);
    todo_builtin ok(table_a->dwVersion == SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION_4, "A version %lu\n", table_a->dwVersion);
    check_table(table_w, slots_w, ARRAY_SIZE(slots_w), "W");
    check_table(table_a, slots_a, ARRAY_SIZE(slots_a), "A");
    ok(InitSecurityInterfaceW() == table_w, "a second call returned another table\n");

    /* The table is usable as it is. */
    ok(table_w->EnumerateSecurityPackagesW(&count, &info) == SEC_E_OK, "EnumerateSecurityPackagesW failed\n");
    ok(count > 0, "no packages\n");
    ok(table_w->FreeContextBuffer(info) == SEC_E_OK, "FreeContextBuffer failed\n");
}

START_TEST(interface)
{
    test_tables();
}
