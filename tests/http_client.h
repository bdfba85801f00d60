/*
 * The test client of tests/wine-http.sh: one fetch through WinHTTP (http_winhttp.c) or WinINet
 * (http_wininet.c), whose headers cannot be included together.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef HTTP_CLIENT_H
#define HTTP_CLIENT_H

#include <windows.h>

#define HTTP_TIMEOUT_MS 10000

struct http_url
{
    WCHAR host[256];
    WCHAR path[1024];
    WORD port;
};

struct http_fetch;
/* The response's status, then its body read with READ (WinHttpReadData, InternetReadFile) until it
 * ends; FALSE when a read fails. */
BOOL http_response(struct http_fetch *fetch, DWORD status, HANDLE request,
                   BOOL (WINAPI *read)(HANDLE request, void *buffer, DWORD size, DWORD *read));
/* Records GetLastError() as the fetch's error, unless one is recorded already; returns FALSE. */
BOOL http_failed(struct http_fetch *fetch);

/* An HTTP API: a session, GETs with TLS through it (TRUE when the whole body arrived), its end. */
struct http_api
{
    const WCHAR *name;
    HANDLE (*open)(struct http_fetch *fetch);
    BOOL (*get)(HANDLE session, const struct http_url *url, struct http_fetch *fetch);
    void (*close)(HANDLE session);
};
extern const struct http_api http_winhttp, http_wininet;

/* Splits an https URL (WinHTTP's parser). */
BOOL http_parse_url(const WCHAR *text, struct http_url *url);

#endif /* HTTP_CLIENT_H */
