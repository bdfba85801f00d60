/*
 * GETs through WinHTTP in one session (so connections are reused): WinHttpSendRequest,
 * WinHttpReceiveResponse, WinHttpReadData to the end.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <windows.h>
#include <winhttp.h>
#include "http_client.h"

BOOL http_parse_url(const WCHAR *text, struct http_url *url)
{
    URL_COMPONENTSW parts = { sizeof(parts) };

    parts.lpszHostName = url->host;
    parts.dwHostNameLength = ARRAYSIZE(url->host);
    parts.lpszUrlPath = url->path;
    parts.dwUrlPathLength = ARRAYSIZE(url->path);
    if (!WinHttpCrackUrl(text, 0, 0, &parts)) return FALSE;
    url->port = parts.nPort;
    if (!url->path[0]) lstrcpyW(url->path, L"/");
    return TRUE;
}

static HANDLE open_session(struct http_fetch *fetch)
{
    HINTERNET session = WinHttpOpen(L"secur32-schannel test", WINHTTP_ACCESS_TYPE_NO_PROXY, WINHTTP_NO_PROXY_NAME,
                                    WINHTTP_NO_PROXY_BYPASS, 0);

    if (!session) http_failed(fetch);
    else WinHttpSetTimeouts(session, HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS, HTTP_TIMEOUT_MS);
    return session;
}

static BOOL get(HANDLE session, const struct http_url *url, struct http_fetch *fetch)
{
    HINTERNET connection, request = NULL;
    DWORD status = 0, size = sizeof(status);
    BOOL ok = FALSE;

    if (!(connection = WinHttpConnect(session, url->host, url->port, 0)) ||
        !(request = WinHttpOpenRequest(connection, L"GET", url->path, NULL, WINHTTP_NO_REFERER,
                                       WINHTTP_DEFAULT_ACCEPT_TYPES, WINHTTP_FLAG_SECURE)) ||
        !WinHttpSendRequest(request, WINHTTP_NO_ADDITIONAL_HEADERS, 0, WINHTTP_NO_REQUEST_DATA, 0, 0, 0) ||
        !WinHttpReceiveResponse(request, NULL) ||
        !WinHttpQueryHeaders(request, WINHTTP_QUERY_STATUS_CODE | WINHTTP_QUERY_FLAG_NUMBER,
                             WINHTTP_HEADER_NAME_BY_INDEX, &status, &size, WINHTTP_NO_HEADER_INDEX))
        http_failed(fetch);
    else ok = http_response(fetch, status, request, (void *)WinHttpReadData);
    if (request) WinHttpCloseHandle(request);
    if (connection) WinHttpCloseHandle(connection);
    return ok;
}

static void close_session(HANDLE session)
{
    WinHttpCloseHandle(session);
}

const struct http_api http_winhttp = { L"winhttp", open_session, get, close_session };
