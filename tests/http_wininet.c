/*
 * GETs through WinINet in one session (so connections are reused): HttpOpenRequest with
 * INTERNET_FLAG_SECURE, HttpSendRequest, InternetReadFile to the end.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <windows.h>
#include <wininet.h>
#include "http_client.h"

static HANDLE open_session(struct http_fetch *fetch)
{
    HINTERNET session = InternetOpenW(L"secur32-schannel test", INTERNET_OPEN_TYPE_DIRECT, NULL, NULL, 0);
    DWORD timeout = HTTP_TIMEOUT_MS;

    if (!session)
    {
        http_failed(fetch);
        return NULL;
    }
    InternetSetOptionW(session, INTERNET_OPTION_CONNECT_TIMEOUT, &timeout, sizeof(timeout));
    InternetSetOptionW(session, INTERNET_OPTION_SEND_TIMEOUT, &timeout, sizeof(timeout));
    InternetSetOptionW(session, INTERNET_OPTION_RECEIVE_TIMEOUT, &timeout, sizeof(timeout));
    return session;
}

static BOOL get(HANDLE session, const struct http_url *url, struct http_fetch *fetch)
{
    HINTERNET connection, request = NULL;
    DWORD status = 0, size = sizeof(status);
    BOOL ok = FALSE;

    if (!(connection = InternetConnectW(session, url->host, url->port, NULL, NULL, INTERNET_SERVICE_HTTP, 0, 0)) ||
        !(request = HttpOpenRequestW(connection, L"GET", url->path, NULL, NULL, NULL,
                                     INTERNET_FLAG_SECURE | INTERNET_FLAG_RELOAD | INTERNET_FLAG_NO_CACHE_WRITE, 0)) ||
        !HttpSendRequestW(request, NULL, 0, NULL, 0) ||
        !HttpQueryInfoW(request, HTTP_QUERY_STATUS_CODE | HTTP_QUERY_FLAG_NUMBER, &status, &size, NULL))
        http_failed(fetch);
    else ok = http_response(fetch, status, request, (void *)InternetReadFile);
    if (request) InternetCloseHandle(request);
    if (connection) InternetCloseHandle(connection);
    return ok;
}

static void close_session(HANDLE session)
{
    InternetCloseHandle(session);
}

const struct http_api http_wininet = { L"wininet", open_session, get, close_session };
