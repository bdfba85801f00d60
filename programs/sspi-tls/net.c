/*
 * sspi-tls: TCP sockets in which every wait has a limit.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <winsock2.h>
#include <ws2tcpip.h>

#include "errors.h"
#include "net.h"

BOOL net_start(void)
{
    WSADATA wsa;
    int err = WSAStartup(MAKEWORD(2, 2), &wsa);
    return err ? error_set(EXIT_NETWORK, "WSAStartup failed: %d", err) : TRUE;
}

static const char *socket_error_text(int err)
{
    switch (err)
    {
    case WSAECONNREFUSED: return "connection refused";
    case WSAETIMEDOUT: return "timed out";
    case WSAENETUNREACH: return "network unreachable";
    case WSAEHOSTUNREACH: return "host unreachable";
    case WSAECONNRESET: return "connection reset by the peer";
    case WSAEADDRINUSE: return "address in use";
    case WSAEADDRNOTAVAIL: return "address not available";
    case WSAEACCES: return "permission denied";
    default: return "socket error";
    }
}

/* The resolver has no time limit of its own, so it runs in a thread we stop waiting for. */
struct lookup
{
    char host[256], port[8];
    ADDRINFOA *result;
    int err;
    LONG finished;              /* set by the first of the thread and the waiter to finish */
};

static void free_lookup(struct lookup *lookup)
{
    if (lookup->result) freeaddrinfo(lookup->result);
    HeapFree(GetProcessHeap(), 0, lookup);
}

static DWORD WINAPI lookup_thread(void *arg)
{
    struct lookup *lookup = arg;
    ADDRINFOA hints = { 0 };

    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_protocol = IPPROTO_TCP;
    lookup->err = getaddrinfo(lookup->host, lookup->port, &hints, &lookup->result);
    /* Whoever comes second frees: the waiter when it got the answer, this thread when not. */
    if (InterlockedExchange(&lookup->finished, 1)) free_lookup(lookup);
    return 0;
}

static struct lookup *resolve(const char *host, const char *port, DWORD timeout_ms)
{
    struct lookup *lookup = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*lookup));
    HANDLE thread;

    if (!lookup) return error_set(EXIT_NETWORK, "out of memory"), NULL;
    lstrcpynA(lookup->host, host, sizeof(lookup->host));
    lstrcpynA(lookup->port, port, sizeof(lookup->port));
    if (!(thread = CreateThread(NULL, 0, lookup_thread, lookup, 0, NULL)))
        return error_set(EXIT_NETWORK, "cannot start the name lookup"), HeapFree(GetProcessHeap(), 0, lookup), NULL;
    WaitForSingleObject(thread, timeout_ms);
    CloseHandle(thread);
    if (!InterlockedExchange(&lookup->finished, 1))
        return error_set(EXIT_NETWORK, "cannot resolve %s: no answer within %lu s", host, timeout_ms / 1000), NULL;
    if (!lookup->err) return lookup;
    error_set(EXIT_NETWORK, "cannot resolve %s (error %d)", host, lookup->err);
    free_lookup(lookup);
    return NULL;
}

static void set_blocking(SOCKET sock, BOOL blocking)
{
    u_long nonblocking = !blocking;
    ioctlsocket(sock, FIONBIO, &nonblocking);
}

static void set_send_timeout(SOCKET sock, DWORD timeout_ms)
{
    setsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, (const char *)&timeout_ms, sizeof(timeout_ms));
}

/* Waits until SOCK is readable (or, with WRITE, writable or failed); FALSE on timeout. */
static BOOL wait_socket(SOCKET sock, BOOL write, DWORD timeout_ms)
{
    TIMEVAL timeout = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };
    fd_set set, failed;

    FD_ZERO(&set);
    FD_SET(sock, &set);
    FD_ZERO(&failed);
    FD_SET(sock, &failed);
    return select(0, write ? NULL : &set, write ? &set : NULL, write ? &failed : NULL, &timeout) > 0;
}

/* One address: a non-blocking connect and a bounded wait for its outcome. */
static SOCKET connect_one(const ADDRINFOA *addr, DWORD timeout_ms, int *err)
{
    SOCKET sock = socket(addr->ai_family, addr->ai_socktype, addr->ai_protocol);
    int len = sizeof(*err);

    if (sock == INVALID_SOCKET) return *err = WSAGetLastError(), INVALID_SOCKET;
    set_blocking(sock, FALSE);
    *err = 0;
    if (connect(sock, addr->ai_addr, addr->ai_addrlen) && WSAGetLastError() != WSAEWOULDBLOCK)
        *err = WSAGetLastError();
    else if (!wait_socket(sock, TRUE, timeout_ms))
        *err = WSAETIMEDOUT;
    else if (getsockopt(sock, SOL_SOCKET, SO_ERROR, (char *)err, &len))
        *err = WSAGetLastError();
    if (*err)
    {
        closesocket(sock);
        return INVALID_SOCKET;
    }
    set_blocking(sock, TRUE);
    set_send_timeout(sock, timeout_ms);
    return sock;
}

SOCKET net_connect(const char *host, const char *port, DWORD timeout_ms)
{
    struct lookup *lookup = resolve(host, port, timeout_ms);
    SOCKET sock = INVALID_SOCKET;
    const ADDRINFOA *addr;
    int err = 0;

    if (!lookup) return INVALID_SOCKET;
    for (addr = lookup->result; addr && sock == INVALID_SOCKET; addr = addr->ai_next)
        sock = connect_one(addr, timeout_ms, &err);
    free_lookup(lookup);
    if (sock == INVALID_SOCKET)
    {
        if (err == WSAETIMEDOUT)
            error_set(EXIT_NETWORK, "cannot connect to %s:%s: no answer within %lu s", host, port, timeout_ms / 1000);
        else
            error_set(EXIT_NETWORK, "cannot connect to %s:%s: %s (%d)", host, port, socket_error_text(err), err);
    }
    return sock;
}

SOCKET net_listen(const char *addr, const char *port, char *bound, size_t bound_size)
{
    struct sockaddr_in local = { 0 };
    int len = sizeof(local), err;
    SOCKET sock;

    local.sin_family = AF_INET;
    local.sin_port = htons(atoi(port));
    if (inet_pton(AF_INET, addr, &local.sin_addr) != 1)
        return error_set(EXIT_USAGE, "bad listening address '%s' (IPv4 only)", addr), INVALID_SOCKET;
    if ((sock = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET)
        return error_set(EXIT_NETWORK, "socket failed: %d", WSAGetLastError()), INVALID_SOCKET;
    if (bind(sock, (struct sockaddr *)&local, sizeof(local)) || listen(sock, 8) ||
        getsockname(sock, (struct sockaddr *)&local, &len))
    {
        err = WSAGetLastError();
        closesocket(sock);
        return error_set(EXIT_NETWORK, "cannot listen on %s:%s: %s (%d)", addr, port, socket_error_text(err), err),
               INVALID_SOCKET;
    }
    snprintf(bound, bound_size, "%s:%u", addr, ntohs(local.sin_port));
    return sock;
}

SOCKET net_accept(SOCKET listener, DWORD timeout_ms)
{
    SOCKET sock;

    if (!wait_socket(listener, FALSE, timeout_ms))
        return error_set(EXIT_NETWORK, "no connection within %lu s", timeout_ms / 1000), INVALID_SOCKET;
    if ((sock = accept(listener, NULL, NULL)) == INVALID_SOCKET)
        return error_set(EXIT_NETWORK, "accept failed: %d", WSAGetLastError()), INVALID_SOCKET;
    set_send_timeout(sock, timeout_ms);
    return sock;
}

BOOL net_send_all(SOCKET sock, const void *data, size_t size)
{
    const char *p = data;
    int n;

    while (size)
    {
        if ((n = send(sock, p, size, 0)) <= 0)
            return error_set(EXIT_NETWORK, "send failed: %s (%d)", socket_error_text(WSAGetLastError()), WSAGetLastError());
        p += n;
        size -= n;
    }
    return TRUE;
}

int net_receive(SOCKET sock, void *buffer, size_t size, DWORD timeout_ms)
{
    int n;

    if (!wait_socket(sock, FALSE, timeout_ms))
        return error_set(EXIT_NETWORK, "the peer sent nothing for %lu s", timeout_ms / 1000), -1;
    if ((n = recv(sock, buffer, size, 0)) < 0)
    {
        /* A reset after the peer's last record is how some peers close. */
        if (WSAGetLastError() == WSAECONNRESET) return 0;
        return error_set(EXIT_NETWORK, "receive failed: %s (%d)", socket_error_text(WSAGetLastError()), WSAGetLastError()), -1;
    }
    return n;
}

void net_peer_name(SOCKET sock, char *name, size_t size)
{
    struct sockaddr_storage addr;
    int len = sizeof(addr);
    char host[INET6_ADDRSTRLEN] = "?", port[8] = "?";

    if (!getpeername(sock, (struct sockaddr *)&addr, &len))
        getnameinfo((struct sockaddr *)&addr, len, host, sizeof(host), port, sizeof(port), NI_NUMERICHOST | NI_NUMERICSERV);
    snprintf(name, size, strchr(host, ':') ? "[%s]:%s" : "%s:%s", host, port);
}
