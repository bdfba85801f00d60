/*
 * Package enumeration and package information: the Schannel package under each of its Windows
 * names with Windows' values, in both character sets, in memory FreeContextBuffer frees.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <schannel.h>

#include "wine/test.h"
#include "test_support.h"

/* What Windows 10 and 11 report for the Schannel package (docs/package-info.md). */
#define SCHANNEL_CAPS 0x107b3
#define SCHANNEL_VERSION 1
#define SCHANNEL_MAX_TOKEN 0x6000
static const char schannel_comment[] = "Schannel Security Package";
static const char *const schannel_names[] = { UNISP_NAME_A, SCHANNEL_NAME_A, DEFAULT_TLS_SSP_NAME_A };

static void check_info_a(const SecPkgInfoA *info, const char *name)
{
    ok(!strcmp(info->Name, name), "name %s, expected %s\n", info->Name, name);
    todo_builtin ok(info->fCapabilities == SCHANNEL_CAPS, "%s: capabilities %#lx\n", name, info->fCapabilities);
    ok(info->wVersion == SCHANNEL_VERSION, "%s: version %u\n", name, info->wVersion);
    ok(info->wRPCID == UNISP_RPC_ID, "%s: rpc id %u\n", name, info->wRPCID);
    todo_builtin ok(info->cbMaxToken == SCHANNEL_MAX_TOKEN, "%s: max token %lu\n", name, info->cbMaxToken);
    todo_builtin_if(!strcmp(name, UNISP_NAME_A))
    ok(!strcmp(info->Comment, schannel_comment), "%s: comment %s\n", name, info->Comment);
}

static void check_info_w(const SecPkgInfoW *info, const char *name)
{
    char nameA[64], commentA[64];

    WideCharToMultiByte(CP_ACP, 0, info->Name, -1, nameA, sizeof(nameA), NULL, NULL);
    WideCharToMultiByte(CP_ACP, 0, info->Comment, -1, commentA, sizeof(commentA), NULL, NULL);
    ok(!strcmp(nameA, name), "name %s, expected %s\n", nameA, name);
    todo_builtin ok(info->fCapabilities == SCHANNEL_CAPS, "%s: capabilities %#lx\n", name, info->fCapabilities);
    ok(info->wVersion == SCHANNEL_VERSION, "%s: version %u\n", name, info->wVersion);
    ok(info->wRPCID == UNISP_RPC_ID, "%s: rpc id %u\n", name, info->wRPCID);
    todo_builtin ok(info->cbMaxToken == SCHANNEL_MAX_TOKEN, "%s: max token %lu\n", name, info->cbMaxToken);
    todo_builtin_if(!strcmp(name, UNISP_NAME_A))
    ok(!strcmp(commentA, schannel_comment), "%s: comment %s\n", name, commentA);
}

/* Package memory comes from the process heap, where FreeContextBuffer returns it. */
static void check_process_heap(void *buffer)
{
    ok(HeapSize(GetProcessHeap(), 0, buffer) != (SIZE_T)-1, "%p is not process heap memory\n", buffer);
    ok(FreeContextBuffer(buffer) == SEC_E_OK, "FreeContextBuffer failed\n");
}

static void test_enumerate(void)
{
    SecPkgInfoA *infosA;
    SecPkgInfoW *infosW;
    ULONG countA, countW, i, j;
    SECURITY_STATUS status;

    status = EnumerateSecurityPackagesA(&countA, &infosA);
    ok(status == SEC_E_OK, "EnumerateSecurityPackagesA: %#lx\n", status);
    status = EnumerateSecurityPackagesW(&countW, &infosW);
    ok(status == SEC_E_OK, "EnumerateSecurityPackagesW: %#lx\n", status);
    if (status != SEC_E_OK) return;
    ok(countA == countW, "%lu A packages, %lu W packages\n", countA, countW);

    for (j = 0; j < ARRAY_SIZE(schannel_names); j++)
    {
        for (i = 0; i < countA; i++) if (!strcmp(infosA[i].Name, schannel_names[j])) break;
        todo_builtin_if(!strcmp(schannel_names[j], DEFAULT_TLS_SSP_NAME_A))
        ok(i < countA, "package %s is not listed\n", schannel_names[j]);
        if (i == countA) continue;
        check_info_a(&infosA[i], schannel_names[j]);
        check_info_w(&infosW[i], schannel_names[j]);
    }
    check_process_heap(infosA);
    check_process_heap(infosW);
}

static void test_query(void)
{
    SecPkgInfoA *infoA;
    SecPkgInfoW *infoW;
    WCHAR nameW[64];
    SECURITY_STATUS status;
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(schannel_names); i++)
    {
        infoA = NULL;
        status = QuerySecurityPackageInfoA((SEC_CHAR *)schannel_names[i], &infoA);
        todo_builtin_if(!strcmp(schannel_names[i], DEFAULT_TLS_SSP_NAME_A))
        ok(status == SEC_E_OK, "QuerySecurityPackageInfoA(%s): %#lx\n", schannel_names[i], status);
        if (status != SEC_E_OK) continue;
        check_info_a(infoA, schannel_names[i]);
        check_process_heap(infoA);

        MultiByteToWideChar(CP_ACP, 0, schannel_names[i], -1, nameW, ARRAY_SIZE(nameW));
        status = QuerySecurityPackageInfoW(nameW, &infoW);
        ok(status == SEC_E_OK, "QuerySecurityPackageInfoW(%s): %#lx\n", schannel_names[i], status);
        if (status != SEC_E_OK) continue;
        check_info_w(infoW, schannel_names[i]);
        check_process_heap(infoW);
    }

    /* Package names are matched without regard to case; the canonical name is returned. */
    status = QuerySecurityPackageInfoA((SEC_CHAR *)"SCHANNEL", &infoA);
    ok(status == SEC_E_OK, "QuerySecurityPackageInfoA(SCHANNEL): %#lx\n", status);
    if (status == SEC_E_OK)
    {
        ok(!strcmp(infoA->Name, SCHANNEL_NAME_A), "name %s\n", infoA->Name);
        FreeContextBuffer(infoA);
    }

    infoA = (void *)0xdeadbeef;
    status = QuerySecurityPackageInfoA((SEC_CHAR *)"No Such Package", &infoA);
    ok(status == SEC_E_SECPKG_NOT_FOUND, "unknown package: %#lx\n", status);
    ok(infoA == (void *)0xdeadbeef, "unknown package: info set to %p\n", infoA);
    status = QuerySecurityPackageInfoW((SEC_WCHAR *)L"", &infoW);
    ok(status == SEC_E_SECPKG_NOT_FOUND, "empty name: %#lx\n", status);
}

static void test_free_context_buffer(void)
{
    ok(FreeContextBuffer(NULL) == SEC_E_OK, "FreeContextBuffer(NULL) failed\n");
}

START_TEST(packages)
{
    test_enumerate();
    test_query();
    test_free_context_buffer();
}
