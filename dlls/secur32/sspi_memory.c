/*
 * Memory the SSPI hands to callers (freed by FreeContextBuffer) and A/W string conversion.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"

void *sspi_alloc(SIZE_T size)
{
    return HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size);
}

void sspi_free(void *ptr)
{
    if (ptr) HeapFree(GetProcessHeap(), 0, ptr);
}

WCHAR *sspi_strdup_atow(const char *str)
{
    WCHAR *out;
    int len;

    if (!str) return NULL;
    len = MultiByteToWideChar(CP_ACP, 0, str, -1, NULL, 0);
    if (!(out = sspi_alloc(len * sizeof(WCHAR)))) return NULL;
    MultiByteToWideChar(CP_ACP, 0, str, -1, out, len);
    return out;
}

int sspi_wtoa_size(const WCHAR *str)
{
    return str ? WideCharToMultiByte(CP_ACP, 0, str, -1, NULL, 0, NULL, NULL) : 0;
}

char *sspi_wtoa_into(const WCHAR *str, char *out, int size)
{
    if (!str) return NULL;
    WideCharToMultiByte(CP_ACP, 0, str, -1, out, size, NULL, NULL);
    return out;
}
