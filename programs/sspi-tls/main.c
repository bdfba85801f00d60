/*
 * sspi-tls: a TLS client and server that speaks only the public SSPI, so the same .exe shows what
 * Windows' Schannel negotiates, or ours under Wine.  See docs/sspi-tls.md.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "connection.h"
#include "credentials.h"
#include "errors.h"
#include "net.h"
#include "options.h"
#include "report.h"

/* Reads until EXPECT has arrived. */
static BOOL expect_text(struct tls_conn *conn, const char *expect, struct report *report)
{
    char quoted[2][300];
    BOOL closed = FALSE;

    while (!strstr(report->received, expect))
    {
        if (closed || report->received_size == sizeof(report->received) - 1)
            return error_set(EXIT_TLS, "expected %s, received %s", quote(expect, strlen(expect), quoted[0], sizeof(quoted[0])),
                             quote(report->received, report->received_size, quoted[1], sizeof(quoted[1])));
        if (!tls_receive(conn, report->received, sizeof(report->received) - 1, &report->received_size, &closed))
            return FALSE;
        report->received[report->received_size] = 0;
    }
    return TRUE;
}

/* --http: reads the request's head, answers a small text page naming the request line. */
static BOOL http_answer(struct tls_conn *conn, struct report *report)
{
    static char page[MAX_SEND + 2];
    char body[600];
    int request_line;

    if (!expect_text(conn, "\r\n\r\n", report)) return FALSE;
    request_line = strcspn(report->received, "\r\n");
    snprintf(body, sizeof(body), "sspi-tls: connection %u\r\nrequest: %.*s\r\n", report->number,
             request_line > 400 ? 400 : request_line, report->received);
    snprintf(page, sizeof(page), "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %u\r\n"
             "Connection: close\r\n\r\n%s", (unsigned)strlen(body), body);
    report->sent = page;
    return tls_send(conn, page, strlen(page));
}

/* --send and --expect: the client speaks first, the server answers. */
static BOOL exchange(struct tls_conn *conn, const struct options *opts, struct report *report)
{
    static char line[MAX_SEND + 2];

    if (opts->http) return http_answer(conn, report);
    if (opts->send) report->sent = line;
    snprintf(line, sizeof(line), "%s\n", opts->send ? opts->send : "");
    if (conn->server && opts->expect && !expect_text(conn, opts->expect, report)) return FALSE;
    if (opts->send && !tls_send(conn, line, strlen(line))) return FALSE;
    if (!conn->server && opts->expect && !expect_text(conn, opts->expect, report)) return FALSE;
    return TRUE;
}

/* Handshake, report, exchange and close on a connected socket. */
static BOOL run_connection(struct tls_conn *conn, const struct options *opts, unsigned number)
{
    struct report report = { number };
    BOOL ok;

    net_peer_name(conn->sock, report.peer, sizeof(report.peer));
    if (!tls_handshake(conn)) return FALSE;
    report_collect(&report, conn, opts->show_key);
    ok = exchange(conn, opts, &report) && tls_shutdown(conn);
    report.closed = conn->closed;
    report_print(&report, opts->json);
    report_free(&report);
    return ok;
}

static struct tls_conn conn;

/* Connections one after another with the same credentials handle, so the package may resume. */
static BOOL run_client(const struct options *opts, CredHandle *cred)
{
    const char *target = opts->servername ? opts->servername : opts->host;
    SOCKET sock;
    unsigned i;
    BOOL ok = TRUE;

    for (i = 1; i <= opts->connections && ok; i++)
    {
        if ((sock = net_connect(opts->host, opts->port, opts->timeout_ms)) == INVALID_SOCKET) return FALSE;
        ok = tls_init(&conn, sock, FALSE, cred, target, opts->alpn, opts->timeout_ms) &&
             run_connection(&conn, opts, i);
        tls_free(&conn);
    }
    return ok;
}

/* Each connection in turn, as openssl s_server does: one that fails (a broken handshake, a peer
 * that vanishes or sends garbage) is reported on its own line and the server goes on.  The run
 * fails, with the first failure's exit code, when any did or when nobody came to connect. */
static BOOL run_server(const struct options *opts, CredHandle *cred)
{
    char bound[300], peer[64], message[512], first[512];
    unsigned i, failed = 0;
    SOCKET listener, sock;
    int code, first_code = 0;
    BOOL ok = TRUE;

    if ((listener = net_listen(opts->host, opts->port, bound, sizeof(bound))) == INVALID_SOCKET) return FALSE;
    report_listening(bound, opts->json);
    for (i = 1; i <= opts->connections && ok; i++)
    {
        if ((sock = net_accept(listener, opts->timeout_ms)) == INVALID_SOCKET)
        {
            ok = FALSE;
            break;
        }
        net_peer_name(sock, peer, sizeof(peer));
        if (!tls_init(&conn, sock, TRUE, cred, NULL, opts->alpn, opts->timeout_ms) || !run_connection(&conn, opts, i))
        {
            code = error_take(message, sizeof(message));
            report_failure(i, peer, message, code, opts->json);
            if (!failed++)
            {
                first_code = code;
                strcpy(first, message);
            }
        }
        tls_free(&conn);
    }
    closesocket(listener);
    if (ok && failed)
        return error_set(first_code, "%s (%u of %u connections failed)", first, failed, opts->connections);
    return ok;
}

int main(int argc, char **argv)
{
    struct options opts;
    struct credentials creds;
    BOOL help, ok;

    if (!parse_options(argc, argv, &opts, &help)) return error_report();
    if (help)
    {
        print_usage();
        return 0;
    }
    if (!net_start() || !credentials_acquire(&opts, &creds)) return error_report();
    ok = opts.serve ? run_server(&opts, &creds.handle) : run_client(&opts, &creds.handle);
    credentials_free(&creds);
    return ok ? 0 : error_report();
}
