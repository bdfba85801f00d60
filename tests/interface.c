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
#include <stdio.h>

#include "wine/test.h"
#include "test_support.h"

/* The A and W tables have one layout; the slots are named once, with the W table's offsets. */
C_ASSERT(offsetof(SecurityFunctionTableA, SetCredentialsAttributesA) ==
         offsetof(SecurityFunctionTableW, SetCredentialsAttributesW));

struct slot
{
    size_t offset;
    const char *export;     /* NULL: a reserved slot, NULL on Windows */
    BOOL has_charset;       /* the export's name ends in A or W */
};

#define SLOT(field, name, has_charset) { offsetof(SecurityFunctionTableW, field), name, has_charset }

static const struct slot slots[] =
{
    SLOT(EnumerateSecurityPackagesW, "EnumerateSecurityPackages", TRUE),
    SLOT(QueryCredentialsAttributesW, "QueryCredentialsAttributes", TRUE),
    SLOT(AcquireCredentialsHandleW, "AcquireCredentialsHandle", TRUE),
    SLOT(FreeCredentialsHandle, "FreeCredentialsHandle", FALSE),
    SLOT(Reserved2, NULL, FALSE),
    SLOT(InitializeSecurityContextW, "InitializeSecurityContext", TRUE),
    SLOT(AcceptSecurityContext, "AcceptSecurityContext", FALSE),
    SLOT(CompleteAuthToken, "CompleteAuthToken", FALSE),
    SLOT(DeleteSecurityContext, "DeleteSecurityContext", FALSE),
    SLOT(ApplyControlToken, "ApplyControlToken", FALSE),
    SLOT(QueryContextAttributesW, "QueryContextAttributes", TRUE),
    SLOT(ImpersonateSecurityContext, "ImpersonateSecurityContext", FALSE),
    SLOT(RevertSecurityContext, "RevertSecurityContext", FALSE),
    SLOT(MakeSignature, "MakeSignature", FALSE),
    SLOT(VerifySignature, "VerifySignature", FALSE),
    SLOT(FreeContextBuffer, "FreeContextBuffer", FALSE),
    SLOT(QuerySecurityPackageInfoW, "QuerySecurityPackageInfo", TRUE),
    SLOT(ExportSecurityContext, "ExportSecurityContext", FALSE),
    SLOT(ImportSecurityContextW, "ImportSecurityContext", TRUE),
    SLOT(AddCredentialsW, "AddCredentials", TRUE),
    SLOT(Reserved8, NULL, FALSE),
    SLOT(QuerySecurityContextToken, "QuerySecurityContextToken", FALSE),
    SLOT(EncryptMessage, "EncryptMessage", FALSE),
    SLOT(DecryptMessage, "DecryptMessage", FALSE),
    SLOT(SetContextAttributesW, "SetContextAttributes", TRUE),
    SLOT(SetCredentialsAttributesW, "SetCredentialsAttributes", TRUE),
};

static void check_table(const void *table, char charset)
{
    HMODULE secur32 = GetModuleHandleA("secur32.dll");
    char name[64];
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(slots); i++)
    {
        void *entry = *(void *const *)((const char *)table + slots[i].offset);

        if (!slots[i].export)
        {
            ok(!entry, "%c: reserved slot at %u is %p\n", charset, (unsigned)slots[i].offset, entry);
            continue;
        }
        sprintf(name, slots[i].has_charset ? "%s%c" : "%s", slots[i].export, charset);
        /* Wine 8 exports no SetCredentialsAttributes and fills that slot with a placeholder. */
        todo_builtin_if(!strcmp(slots[i].export, "SetCredentialsAttributes"))
        ok(entry && entry == (void *)GetProcAddress(secur32, name), "%c: %s is %p, export %p\n",
           charset, name, entry, GetProcAddress(secur32, name));
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
    /* Windows says version 1 although its tables hold every later entry (Wine's secur32.c
     * conformance test), and its old Seal/Unseal slots are the Encrypt/Decrypt functions. */
    ok(table_w->dwVersion == SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION, "W version %lu\n", table_w->dwVersion);
    ok(table_a->dwVersion == SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION, "A version %lu\n", table_a->dwVersion);
    ok(table_w->Reserved3 == (void *)table_w->EncryptMessage, "W Reserved3 %p\n", table_w->Reserved3);
    ok(table_w->Reserved4 == (void *)table_w->DecryptMessage, "W Reserved4 %p\n", table_w->Reserved4);
    ok(table_a->Reserved3 == (void *)table_a->EncryptMessage, "A Reserved3 %p\n", table_a->Reserved3);
    ok(table_a->Reserved4 == (void *)table_a->DecryptMessage, "A Reserved4 %p\n", table_a->Reserved4);
    check_table(table_w, 'W');
    check_table(table_a, 'A');
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
