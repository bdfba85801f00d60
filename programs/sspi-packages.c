/*
 * sspi-packages: lists the security packages of the secur32.dll this process loaded, and which
 * DLL that was.  The main job's first check that our DLL loads and answers under Wine.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <stdio.h>
#include <windows.h>
#include <sspi.h>

int main(void)
{
    char path[MAX_PATH] = "";
    SecPkgInfoA *infos;
    ULONG count, i;
    SECURITY_STATUS status;

    GetModuleFileNameA(GetModuleHandleA("secur32.dll"), path, sizeof(path));
    printf("secur32.dll: %s\n", path);
    if ((status = EnumerateSecurityPackagesA(&count, &infos)) != SEC_E_OK)
    {
        fprintf(stderr, "EnumerateSecurityPackages failed: 0x%08lx\n", status);
        return 1;
    }
    for (i = 0; i < count; i++)
        printf("%-46s caps 0x%08lx  version %u  rpcid %u  max token %lu  \"%s\"\n", infos[i].Name,
               infos[i].fCapabilities, infos[i].wVersion, infos[i].wRPCID, infos[i].cbMaxToken, infos[i].Comment);
    FreeContextBuffer(infos);
    return 0;
}
