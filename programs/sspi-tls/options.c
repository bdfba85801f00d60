/*
 * sspi-tls: the command line.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors.h"
#include "options.h"

void print_usage(void)
{
    puts("usage: sspi-tls connect HOST:PORT [options]\n"
         "       sspi-tls serve PORT [options]        (PORT 0: any free port)\n"
         "options:\n"
         "  --tls1.0 --tls1.1 --tls1.2 --tls1.3   allow only the versions named (default: the package's)\n"
         "  --alpn LIST            ALPN protocols, comma-separated (h2,http/1.1)\n"
         "  --servername NAME      target name sent as SNI and checked (default: HOST)\n"
         "  --pfx FILE [--password PW]   certificate and key from a PKCS#12 file\n"
         "  --store NAME --subject TEXT  certificate from a CurrentUser system store (MY)\n"
         "  --verify               the package validates the server certificate and fails on error\n"
         "                         (default: the tool reports its own validation and goes on)\n"
         "  --reconnect N          connect: N more connections with the same credentials\n"
         "  --accept N             serve: handle N connections, one after another (default 1)\n"
         "  --bind ADDR            serve: the address to listen on (default 127.0.0.1)\n"
         "  --send TEXT            send TEXT and a newline (server: after --expect)\n"
         "  --expect TEXT          fail unless TEXT arrives\n"
         "  --timeout SECONDS      limit on every network wait (default 10)\n"
         "  --json                 one JSON object per connection, one per line\n"
         "  --http                 serve: answer each request with a minimal HTTP/1.0 page\n"
         "  --show-key             print the whole session key, not only its fingerprint\n"
         "  --help");
}

/* A decimal from 0 to MAX. */
static BOOL parse_number(const char *what, const char *text, unsigned long max, unsigned long *value)
{
    if (!*text || strspn(text, "0123456789") != strlen(text) || strlen(text) > 9 || strtoul(text, NULL, 10) > max)
        return error_set(EXIT_USAGE, "%s needs a number from 0 to %lu, not '%s'", what, max, text);
    *value = strtoul(text, NULL, 10);
    return TRUE;
}

static BOOL parse_port(const char *text, struct options *opts)
{
    unsigned long port;

    if (!parse_number("the port", text, 65535, &port)) return FALSE;
    snprintf(opts->port, sizeof(opts->port), "%lu", port);
    return TRUE;
}

/* HOST:PORT or [IPv6]:PORT. */
static BOOL parse_host_port(const char *text, struct options *opts)
{
    const char *colon = strrchr(text, ':'), *host = text, *host_end = colon;

    if (!colon) return error_set(EXIT_USAGE, "connect needs HOST:PORT, not '%s'", text);
    if (*host == '[' && host_end > host && host_end[-1] == ']') host++, host_end--;
    if (host_end <= host || host_end - host >= sizeof(opts->host)) return error_set(EXIT_USAGE, "bad host in '%s'", text);
    memcpy(opts->host, host, host_end - host);
    opts->host[host_end - host] = 0;
    return parse_port(colon + 1, opts);
}

static const struct { const char *name; DWORD bit; } versions[] =
{
    { "--tls1.0", VERSION_TLS1_0 }, { "--tls1.1", VERSION_TLS1_1 },
    { "--tls1.2", VERSION_TLS1_2 }, { "--tls1.3", VERSION_TLS1_3 },
};

/* Options without an argument. */
static BOOL parse_flag(const char *arg, struct options *opts)
{
    size_t i;

    for (i = 0; i < ARRAYSIZE(versions); i++)
        if (!strcmp(arg, versions[i].name)) return opts->versions |= versions[i].bit, TRUE;
    if (!strcmp(arg, "--verify")) return opts->verify = TRUE;
    if (!strcmp(arg, "--json")) return opts->json = TRUE;
    if (!strcmp(arg, "--show-key")) return opts->show_key = TRUE;
    if (!strcmp(arg, "--http")) return opts->http = TRUE;
    return FALSE;
}

/* Options with one argument: each names where its text goes. */
static const char **text_option(const char *arg, struct options *opts)
{
    if (!strcmp(arg, "--alpn")) return &opts->alpn;
    if (!strcmp(arg, "--servername")) return &opts->servername;
    if (!strcmp(arg, "--pfx")) return &opts->pfx;
    if (!strcmp(arg, "--password")) return &opts->password;
    if (!strcmp(arg, "--store")) return &opts->store;
    if (!strcmp(arg, "--subject")) return &opts->subject;
    if (!strcmp(arg, "--send")) return &opts->send;
    if (!strcmp(arg, "--expect")) return &opts->expect;
    return NULL;
}

static BOOL parse_value(const char *arg, const char *value, struct options *opts)
{
    unsigned long n;

    if (!strcmp(arg, "--timeout"))
    {
        if (!parse_number(arg, value, 86400, &n)) return FALSE;
        if (!n) return error_set(EXIT_USAGE, "--timeout needs at least 1 second");
        opts->timeout_ms = n * 1000;
        return TRUE;
    }
    if (!strcmp(arg, "--reconnect") || !strcmp(arg, "--accept"))
    {
        if (!parse_number(arg, value, 1000, &n)) return FALSE;
        if (opts->serve != !strcmp(arg, "--accept"))
            return error_set(EXIT_USAGE, "%s is for %s mode", arg, opts->serve ? "connect" : "serve");
        if (opts->serve && !n) return error_set(EXIT_USAGE, "--accept needs at least 1");
        opts->connections = opts->serve ? n : n + 1;
        return TRUE;
    }
    if (!strcmp(arg, "--bind"))
    {
        if (!opts->serve) return error_set(EXIT_USAGE, "--bind is for serve mode");
        if (strlen(value) >= sizeof(opts->host)) return error_set(EXIT_USAGE, "bad address '%s'", value);
        strcpy(opts->host, value);
        return TRUE;
    }
    *text_option(arg, opts) = value;
    return TRUE;
}

static BOOL takes_value(const char *arg, struct options *opts)
{
    return text_option(arg, opts) || !strcmp(arg, "--timeout") || !strcmp(arg, "--reconnect") || !strcmp(arg, "--accept") ||
           !strcmp(arg, "--bind");
}

static BOOL check_combination(const struct options *opts)
{
    if (opts->password && !opts->pfx) return error_set(EXIT_USAGE, "--password goes with --pfx");
    if (opts->pfx && opts->store) return error_set(EXIT_USAGE, "--pfx and --store exclude each other");
    if (!opts->store != !opts->subject) return error_set(EXIT_USAGE, "--store and --subject go together");
    if (opts->serve && !opts->pfx && !opts->store) return error_set(EXIT_USAGE, "serve needs a certificate: --pfx FILE or --store NAME --subject TEXT");
    if (opts->serve && opts->servername) return error_set(EXIT_USAGE, "--servername is for connect mode");
    if (opts->serve && opts->verify) return error_set(EXIT_USAGE, "--verify is for connect mode");
    if (opts->http && !opts->serve) return error_set(EXIT_USAGE, "--http is for serve mode");
    if (opts->http && (opts->send || opts->expect)) return error_set(EXIT_USAGE, "--http excludes --send and --expect");
    if (opts->send && strlen(opts->send) > MAX_SEND) return error_set(EXIT_USAGE, "--send takes %u bytes at most", MAX_SEND);
    if (opts->expect && strlen(opts->expect) > MAX_EXPECT)
        return error_set(EXIT_USAGE, "--expect takes %u bytes at most", MAX_EXPECT);
    return TRUE;
}

BOOL parse_options(int argc, char **argv, struct options *opts, BOOL *help)
{
    int i;

    memset(opts, 0, sizeof(*opts));
    *help = FALSE;
    opts->timeout_ms = 10000;
    opts->connections = 1;
    strcpy(opts->host, "127.0.0.1");
    for (i = 1; i < argc; i++) if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) return *help = TRUE;
    if (argc < 2) return error_set(EXIT_USAGE, "missing mode: connect HOST:PORT or serve PORT (see --help)");
    if (strcmp(argv[1], "connect") && strcmp(argv[1], "serve"))
        return error_set(EXIT_USAGE, "unknown mode '%s': connect HOST:PORT or serve PORT", argv[1]);
    opts->serve = !strcmp(argv[1], "serve");
    if (argc < 3 || !strncmp(argv[2], "--", 2))
        return error_set(EXIT_USAGE, "%s needs %s", argv[1], opts->serve ? "PORT" : "HOST:PORT");
    if (!(opts->serve ? parse_port(argv[2], opts) : parse_host_port(argv[2], opts))) return FALSE;
    for (i = 3; i < argc; i++)
    {
        if (parse_flag(argv[i], opts)) continue;
        if (!takes_value(argv[i], opts)) return error_set(EXIT_USAGE, "unknown option '%s' (see --help)", argv[i]);
        if (i + 1 == argc) return error_set(EXIT_USAGE, "%s needs a value", argv[i]);
        if (!parse_value(argv[i], argv[i + 1], opts)) return FALSE;
        i++;
    }
    return check_combination(opts);
}
