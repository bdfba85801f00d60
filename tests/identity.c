/*
 * Names and identities: GetUserNameEx for every EXTENDED_NAME_FORMAT, GetComputerObjectName and
 * TranslateName on a machine outside a domain, and the Sspi* authentication identity helpers, with
 * their exact results, sizes and errors, bad arguments included.  Expected names come from
 * Windows' own APIs (the token, LookupAccountSid, GetUserName, NetUserGetInfo), never from a list.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <secext.h>
#include <wincred.h>
#include <dpapi.h>
#include <lm.h>

#include "wine/test.h"
#include "test_support.h"

#ifndef STATUS_INVALID_PARAMETER
#define STATUS_INVALID_PARAMETER ((SECURITY_STATUS)0xC000000D)
#endif

/* Where Windows versions differ from each other: our DLL must give the first answer. */
static BOOL ours;
#define windows_differs(cond) broken(!ours && (cond))

/* Looked up by name: Wine 8's builtin lacks several of them. */
static SECURITY_STATUS (SEC_ENTRY *pSspiEncodeStringsAsAuthIdentity)(PCWSTR, PCWSTR, PCWSTR, PSEC_WINNT_AUTH_IDENTITY_OPAQUE *);
static SECURITY_STATUS (SEC_ENTRY *pSspiEncodeAuthIdentityAsStrings)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE, PCWSTR *, PCWSTR *, PCWSTR *);
static SECURITY_STATUS (SEC_ENTRY *pSspiCopyAuthIdentity)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE, PSEC_WINNT_AUTH_IDENTITY_OPAQUE *);
static void (SEC_ENTRY *pSspiFreeAuthIdentity)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE);
static void (SEC_ENTRY *pSspiZeroAuthIdentity)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE);
static void (SEC_ENTRY *pSspiLocalFree)(void *);
static SECURITY_STATUS (SEC_ENTRY *pSspiCompareAuthIdentities)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE, PSEC_WINNT_AUTH_IDENTITY_OPAQUE, BOOLEAN *, BOOLEAN *);
static SECURITY_STATUS (SEC_ENTRY *pSspiMarshalAuthIdentity)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE, ULONG *, char **);
static SECURITY_STATUS (SEC_ENTRY *pSspiUnmarshalAuthIdentity)(ULONG, char *, PSEC_WINNT_AUTH_IDENTITY_OPAQUE *);
static SECURITY_STATUS (SEC_ENTRY *pSspiEncryptAuthIdentity)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE);
static SECURITY_STATUS (SEC_ENTRY *pSspiDecryptAuthIdentity)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE);
static BOOLEAN (SEC_ENTRY *pSspiIsAuthIdentityEncrypted)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE);
static SECURITY_STATUS (SEC_ENTRY *pSspiValidateAuthIdentity)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE);
static SECURITY_STATUS (SEC_ENTRY *pSspiPrepareForCredRead)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE, PCWSTR, ULONG *, PCWSTR *);
static SECURITY_STATUS (SEC_ENTRY *pSspiPrepareForCredWrite)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE, PCWSTR, ULONG *, PCWSTR *, PCWSTR *, UCHAR **, ULONG *);
static SECURITY_STATUS (SEC_ENTRY *pSspiGetTargetHostName)(PCWSTR, PWSTR *);
static SECURITY_STATUS (SEC_ENTRY *pSspiExcludePackage)(PSEC_WINNT_AUTH_IDENTITY_OPAQUE, PCWSTR, PSEC_WINNT_AUTH_IDENTITY_OPAQUE *);

static BOOL load_functions(void)
{
    HMODULE secur32 = GetModuleHandleA("secur32.dll");
#define GET(name) if (!(p##name = (void *)GetProcAddress(secur32, #name))) return FALSE
    GET(SspiEncodeStringsAsAuthIdentity); GET(SspiEncodeAuthIdentityAsStrings); GET(SspiCopyAuthIdentity);
    GET(SspiFreeAuthIdentity); GET(SspiZeroAuthIdentity); GET(SspiLocalFree); GET(SspiCompareAuthIdentities);
    GET(SspiMarshalAuthIdentity); GET(SspiUnmarshalAuthIdentity); GET(SspiEncryptAuthIdentity);
    GET(SspiDecryptAuthIdentity); GET(SspiIsAuthIdentityEncrypted); GET(SspiValidateAuthIdentity);
    GET(SspiPrepareForCredRead); GET(SspiPrepareForCredWrite); GET(SspiGetTargetHostName);
    GET(SspiExcludePackage);
#undef GET
    return TRUE;
}

/* What Windows' own APIs say about the process's user. */
static WCHAR sam_name[512], user_name[UNLEN + 1], full_name[512];
static BOOL in_domain;

static void read_account(void)
{
    WCHAR user[256], domain[256];
    DWORD user_len = ARRAY_SIZE(user), domain_len = ARRAY_SIZE(domain), len = ARRAY_SIZE(user_name);
    BYTE buffer[256];
    TOKEN_USER *token_user = (TOKEN_USER *)buffer;
    NETSETUP_JOIN_STATUS join;
    USER_INFO_10 *info;
    SID_NAME_USE use;
    WCHAR *join_name;
    HANDLE token;
    DWORD size;

    ok(OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token), "OpenProcessToken failed\n");
    ok(GetTokenInformation(token, TokenUser, buffer, sizeof(buffer), &size), "GetTokenInformation failed\n");
    CloseHandle(token);
    ok(LookupAccountSidW(NULL, token_user->User.Sid, user, &user_len, domain, &domain_len, &use),
       "LookupAccountSidW failed: %lu\n", GetLastError());
    wsprintfW(sam_name, L"%s\\%s", domain, user);
    ok(GetUserNameW(user_name, &len), "GetUserNameW failed: %lu\n", GetLastError());
    if (!NetUserGetInfo(NULL, user, 10, (BYTE **)&info))
    {
        lstrcpynW(full_name, info->usri10_full_name ? info->usri10_full_name : L"", ARRAY_SIZE(full_name));
        NetApiBufferFree(info);
    }
    if (!NetGetJoinInformation(NULL, &join_name, &join))
    {
        in_domain = join == NetSetupDomainName;
        NetApiBufferFree(join_name);
    }
    trace("account %s, display name %s, in a domain: %d\n", wine_dbgstr_w(sam_name), wine_dbgstr_w(full_name),
          in_domain);
}

static BOOL format_is_defined(int format)
{
    return format <= NameSurname && format != 4 && format != 5 && format != 11;
}

static void test_user_name_formats(void)
{
    WCHAR name[512];
    char nameA[512], expectA[512];
    ULONG size;
    BOOLEAN ret;
    int format;

    WideCharToMultiByte(CP_ACP, 0, sam_name, -1, expectA, sizeof(expectA), NULL, NULL);
    for (format = 0; format <= 16; format++)
    {
        winetest_push_context("format %d", format);
        size = ARRAY_SIZE(name);
        SetLastError(0xdeadbeef);
        ret = GetUserNameExW(format, name, &size);
        if (format == NameSamCompatible)
        {
            ok(ret, "failed: %lu\n", GetLastError());
            ok(!wcscmp(name, sam_name), "got %s, expected %s\n", wine_dbgstr_w(name), wine_dbgstr_w(sam_name));
            ok(size == wcslen(sam_name), "size %lu\n", size);
            size = sizeof(nameA);
            ok(GetUserNameExA(format, nameA, &size), "A failed: %lu\n", GetLastError());
            ok(!strcmp(nameA, expectA), "A got %s\n", nameA);
            ok(size == strlen(expectA), "A size %lu\n", size);
        }
        else if (format == NameDisplay && *full_name)
        {
            ok(ret || windows_differs(GetLastError() == ERROR_NONE_MAPPED), "failed: %lu\n", GetLastError());
            if (ret) ok(!wcscmp(name, full_name), "got %s\n", wine_dbgstr_w(name));
        }
        else if (!format_is_defined(format))
        {
            ok(!ret && GetLastError() == ERROR_INVALID_PARAMETER, "got %d, error %lu\n", ret, GetLastError());
        }
        else if (format == NameUnknown)
        {
            todo_builtin ok(!ret && (GetLastError() == ERROR_NO_SUCH_USER || windows_differs(GetLastError() == ERROR_NONE_MAPPED)),
               "got %d, error %lu\n", ret, GetLastError());
        }
        else if (!in_domain)
        {
            /* Every other format needs a directory; Wine 8's builtin does not know the last two. */
            todo_builtin_if(format >= NameGivenName) ok(!ret && (GetLastError() == ERROR_NONE_MAPPED ||
                        windows_differs(format == NameDnsDomain && GetLastError() == ERROR_INVALID_PARAMETER)),
               "got %d, error %lu\n", ret, GetLastError());
            SetLastError(0xdeadbeef);
            size = sizeof(nameA);
            todo_builtin_if(format >= NameGivenName) ok(!GetUserNameExA(format, nameA, &size) && (GetLastError() == ERROR_NONE_MAPPED ||
               windows_differs(format == NameDnsDomain && GetLastError() == ERROR_INVALID_PARAMETER)),
               "A error %lu\n", GetLastError());
        }
        winetest_pop_context();
    }
}

/* Sizes: a short buffer gives ERROR_MORE_DATA, the size with the terminator, and an untouched
 * buffer; success gives the size without it. */
static void test_user_name_sizes(void)
{
    ULONG len = wcslen(sam_name), size;
    WCHAR name[512];
    char nameA[512];

    size = 0;
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExW(NameSamCompatible, NULL, &size) && GetLastError() == ERROR_MORE_DATA,
       "error %lu\n", GetLastError());
    ok(size == len + 1, "size %lu, expected %lu\n", size, len + 1);
    size = len;
    name[0] = 0xffff;
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExW(NameSamCompatible, name, &size) && GetLastError() == ERROR_MORE_DATA,
       "error %lu\n", GetLastError());
    ok(size == len + 1, "size %lu\n", size);
    ok(name[0] == 0xffff, "buffer written\n");
    size = len + 1;
    ok(GetUserNameExW(NameSamCompatible, name, &size), "exact size failed: %lu\n", GetLastError());
    ok(size == len && !wcscmp(name, sam_name), "size %lu, name %s\n", size, wine_dbgstr_w(name));

    size = 1;
    nameA[0] = 0x7f;
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExA(NameSamCompatible, nameA, &size) && GetLastError() == ERROR_MORE_DATA,
       "A error %lu\n", GetLastError());
    ok(size == len + 1, "A size %lu\n", size);
    ok(nameA[0] == 0x7f, "A buffer written\n");
    size = len + 1;
    ok(GetUserNameExA(NameSamCompatible, nameA, &size), "A exact size failed: %lu\n", GetLastError());
    ok(size == len, "A size %lu\n", size);

    if (!is_ours("secur32.dll")) return;    /* Windows crashes */
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExW(NameSamCompatible, name, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
       "NULL size: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExA(NameSamCompatible, NULL, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
       "A NULL size: error %lu\n", GetLastError());
    size = 100;
    SetLastError(0xdeadbeef);
    ok(!GetUserNameExW(NameSamCompatible, NULL, &size) && GetLastError() == ERROR_MORE_DATA,
       "NULL buffer: error %lu\n", GetLastError());
    ok(size == len + 1, "NULL buffer: size %lu\n", size);
}

/* .NET's Environment.UserName: a 256-character buffer, ERROR_MORE_DATA grows it to the size
 * given, the returned count is the string's length, and the name is what follows the backslash. */
static void test_dotnet_user_name(void)
{
    WCHAR small[2], *buffer = small, *name;
    ULONG length = ARRAY_SIZE(small);
    BOOLEAN ret;

    ret = GetUserNameExW(NameSamCompatible, buffer, &length);
    ok(!ret && GetLastError() == ERROR_MORE_DATA, "small buffer: %d, error %lu\n", ret, GetLastError());
    buffer = malloc(length * sizeof(WCHAR));
    ok(GetUserNameExW(NameSamCompatible, buffer, &length), "retry failed: %lu\n", GetLastError());
    ok(length == wcslen(buffer), "length %lu, string %u\n", length, (unsigned)wcslen(buffer));
    name = wcschr(buffer, '\\') ? wcschr(buffer, '\\') + 1 : buffer;
    ok(!wcsicmp(name, user_name), "user %s, GetUserNameW %s\n", wine_dbgstr_w(name), wine_dbgstr_w(user_name));
    free(buffer);
}

/* An impersonating thread gets its token's user: here the same account through another token. */
static void test_user_name_impersonating(void)
{
    WCHAR name[512];
    ULONG size = ARRAY_SIZE(name);

    if (!ImpersonateSelf(SecurityImpersonation))
    {
        skip("ImpersonateSelf failed: %lu\n", GetLastError());
        return;
    }
    ok(GetUserNameExW(NameSamCompatible, name, &size), "failed while impersonating: %lu\n", GetLastError());
    ok(!wcscmp(name, sam_name), "impersonating: got %s\n", wine_dbgstr_w(name));
    RevertToSelf();
}

static void test_computer_object_name(void)
{
    WCHAR name[256];
    char nameA[256];
    BOOL builtin_names;
    ULONG size;
    int format;

    for (format = 0; format <= 16; format++)
    {
        winetest_push_context("format %d", format);
        size = ARRAY_SIZE(name);
        SetLastError(0xdeadbeef);
        /* Wine 8's builtin makes up names for a machine outside a domain. */
        builtin_names = format == NameFullyQualifiedDN || format == NameSamCompatible;
        todo_builtin_if(builtin_names)
        ok(!GetComputerObjectNameW(format, name, &size) || in_domain, "succeeded\n");
        if (format == NameUnknown || !format_is_defined(format))
            ok(GetLastError() == ERROR_INVALID_PARAMETER, "error %lu\n", GetLastError());
        else if (!in_domain)
            todo_builtin_if(builtin_names || format == NameGivenName || format == NameSurname)
            ok(GetLastError() == ERROR_CANT_ACCESS_DOMAIN_INFO || windows_differs(GetLastError() == ERROR_NONE_MAPPED),
               "error %lu\n", GetLastError());
        size = sizeof(nameA);
        SetLastError(0xdeadbeef);
        if (!in_domain || format == NameUnknown)
            todo_builtin_if(builtin_names || format == NameGivenName || format == NameSurname)
            ok(!GetComputerObjectNameA(format, nameA, &size) &&
               (GetLastError() == (format_is_defined(format) && format ? ERROR_CANT_ACCESS_DOMAIN_INFO
                                                                        : ERROR_INVALID_PARAMETER) ||
                windows_differs(GetLastError() == ERROR_NONE_MAPPED)), "A error %lu\n", GetLastError());
        winetest_pop_context();
    }
    if (!is_ours("secur32.dll")) return;
    SetLastError(0xdeadbeef);
    ok(!GetComputerObjectNameW(NameSamCompatible, name, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
       "NULL size: error %lu\n", GetLastError());
}

static void test_translate_name(void)
{
    WCHAR name[512], *user = wcschr(sam_name, '\\') + 1;
    ULONG len = wcslen(sam_name), size;
    char nameA[512], accountA[512];
    BOOLEAN ret;

    size = ARRAY_SIZE(name);
    SetLastError(0xdeadbeef);
    ret = TranslateNameW(sam_name, NameSamCompatible, NameSamCompatible, name, &size);
    /* Windows binds to a domain controller even for a local account; Wine 8's builtin is a stub. */
    todo_builtin ok(ret || windows_differs(GetLastError() == ERROR_NO_SUCH_DOMAIN), "failed: %lu\n", GetLastError());
    if (!ret)
    {
        skip("TranslateName needs a domain controller here\n");
        return;
    }
    ok(!wcscmp(name, sam_name) && size == len + 1, "got %s, size %lu\n", wine_dbgstr_w(name), size);

    size = 0;
    ok(TranslateNameW(sam_name, NameSamCompatible, NameSamCompatible, NULL, &size), "size query failed\n");
    ok(size == len + 1, "size query: %lu\n", size);
    size = len;
    SetLastError(0xdeadbeef);
    ok(!TranslateNameW(sam_name, NameSamCompatible, NameSamCompatible, name, &size) &&
       GetLastError() == ERROR_INSUFFICIENT_BUFFER, "short buffer: error %lu\n", GetLastError());
    ok(size == len + 1, "short buffer: size %lu\n", size);

    /* The name alone, with the format left to guess. */
    size = ARRAY_SIZE(name);
    ok(TranslateNameW(user, NameUnknown, NameSamCompatible, name, &size), "unknown format: %lu\n", GetLastError());
    ok(!wcscmp(name, sam_name), "unknown format: got %s\n", wine_dbgstr_w(name));

    size = ARRAY_SIZE(name);
    ret = TranslateNameW(sam_name, NameSamCompatible, NameDisplay, name, &size);
    if (*full_name) ok(ret && !wcscmp(name, full_name), "display: %d %s\n", ret, wine_dbgstr_w(name));
    else ok(!ret && GetLastError() == ERROR_NONE_MAPPED, "display: %d, error %lu\n", ret, GetLastError());

    WideCharToMultiByte(CP_ACP, 0, sam_name, -1, accountA, sizeof(accountA), NULL, NULL);
    size = sizeof(nameA);
    ok(TranslateNameA(accountA, NameSamCompatible, NameSamCompatible, nameA, &size), "A failed\n");
    ok(!strcmp(nameA, accountA) && size == strlen(accountA) + 1, "A got %s, size %lu\n", nameA, size);

    SetLastError(0xdeadbeef);
    size = ARRAY_SIZE(name);
    ok(!TranslateNameW(L"NoSuchDomain\\NoSuchUser", NameSamCompatible, NameSamCompatible, name, &size) &&
       GetLastError() == ERROR_NONE_MAPPED, "unknown account: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!TranslateNameW(sam_name, NameSamCompatible, NameUnknown, name, &size) &&
       GetLastError() == ERROR_INVALID_PARAMETER, "to NameUnknown: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!TranslateNameW(sam_name, NameSamCompatible, NameUniqueId, name, &size) &&
       GetLastError() == ERROR_NONE_MAPPED, "to NameUniqueId: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!TranslateNameW(user, NameSamCompatible, NameSamCompatible, name, &size) &&
       GetLastError() == ERROR_NONE_MAPPED, "no domain: error %lu\n", GetLastError());
    if (!is_ours("secur32.dll")) return;
    SetLastError(0xdeadbeef);
    ok(!TranslateNameW(NULL, NameSamCompatible, NameSamCompatible, name, &size) &&
       GetLastError() == ERROR_INVALID_PARAMETER, "NULL name: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!TranslateNameA(accountA, NameSamCompatible, NameSamCompatible, nameA, NULL) &&
       GetLastError() == ERROR_INVALID_PARAMETER, "NULL size: error %lu\n", GetLastError());
    SetLastError(0xdeadbeef);
    ok(!TranslateNameW(sam_name, 5, NameSamCompatible, name, &size) && GetLastError() == ERROR_INVALID_PARAMETER,
       "bad format: error %lu\n", GetLastError());
}

static void check_ex(const SEC_WINNT_AUTH_IDENTITY_EXW *ex, const WCHAR *user, const WCHAR *domain,
                     const WCHAR *password, ULONG flags)
{
    ok(ex->Version == SEC_WINNT_AUTH_IDENTITY_VERSION, "Version %#lx\n", ex->Version);
    ok(ex->Length == sizeof(*ex), "Length %lu\n", ex->Length);
    ok(user ? ex->User && ex->UserLength == wcslen(user) && !memcmp(ex->User, user, wcslen(user) * 2)
            : !ex->User && !ex->UserLength, "User %s\n", wine_dbgstr_wn(ex->User, ex->UserLength));
    ok(domain ? ex->Domain && ex->DomainLength == wcslen(domain) && !memcmp(ex->Domain, domain, wcslen(domain) * 2)
              : !ex->Domain && !ex->DomainLength, "Domain %s\n", wine_dbgstr_wn(ex->Domain, ex->DomainLength));
    ok(password ? ex->Password && ex->PasswordLength == wcslen(password) &&
                  !memcmp(ex->Password, password, wcslen(password) * 2)
                : !ex->Password && !ex->PasswordLength, "Password length %lu\n", ex->PasswordLength);
    ok(ex->Flags == flags, "Flags %#lx, expected %#lx\n", ex->Flags, flags);
}

static void test_encode_strings(void)
{
    const ULONG flags = SEC_WINNT_AUTH_IDENTITY_UNICODE | SEC_WINNT_AUTH_IDENTITY_MARSHALLED;
    PCWSTR user, domain, password;
    PSEC_WINNT_AUTH_IDENTITY_OPAQUE id;
    SEC_WINNT_AUTH_IDENTITY_EXW *ex;

    ok(pSspiEncodeStringsAsAuthIdentity(NULL, NULL, NULL, NULL) == SEC_E_INVALID_TOKEN, "all NULL\n");
    id = (void *)0xdeadbeef;
    ok(pSspiEncodeStringsAsAuthIdentity(NULL, NULL, NULL, &id) == SEC_E_INVALID_TOKEN, "no strings\n");
    ok(id == (void *)0xdeadbeef, "id set\n");

    ok(!pSspiEncodeStringsAsAuthIdentity(NULL, NULL, L"password", &id), "password only failed\n");
    ex = id;
    check_ex(ex, NULL, NULL, L"password", flags);
    ok(ex->Password == (USHORT *)(ex + 1), "password not after the structure\n");
    ok(!ex->PackageList && !ex->PackageListLength, "package list\n");
    pSspiFreeAuthIdentity(id);

    ok(!pSspiEncodeStringsAsAuthIdentity(L"user", L"domain", L"password", &id), "encode failed\n");
    check_ex(id, L"user", L"domain", L"password", flags);
    ok(!pSspiValidateAuthIdentity(id), "not valid\n");
    user = domain = password = NULL;
    ok(!pSspiEncodeAuthIdentityAsStrings(id, &user, &domain, &password), "decode failed\n");
    ok(!wcscmp(user, L"user") && !wcscmp(domain, L"domain") && !wcscmp(password, L"password"),
       "got %s %s %s\n", wine_dbgstr_w(user), wine_dbgstr_w(domain), wine_dbgstr_w(password));
    pSspiLocalFree((void *)user);
    pSspiLocalFree((void *)domain);
    pSspiLocalFree((void *)password);

    /* Zeroing wipes the password only. */
    pSspiZeroAuthIdentity(id);
    ok(!pSspiEncodeAuthIdentityAsStrings(id, &user, &domain, &password), "decode after zero failed\n");
    ok(!wcscmp(user, L"user") && !wcscmp(domain, L"domain"), "user or domain wiped\n");
    ok(password && !*password, "password %s\n", wine_dbgstr_w(password));
    pSspiLocalFree((void *)user);
    pSspiLocalFree((void *)domain);
    pSspiLocalFree((void *)password);
    pSspiFreeAuthIdentity(id);

    ok(!pSspiEncodeStringsAsAuthIdentity(L"user", NULL, NULL, &id), "user only failed\n");
    domain = password = (void *)0xdeadbeef;
    ok(!pSspiEncodeAuthIdentityAsStrings(id, &user, &domain, &password), "decode failed\n");
    ok(!wcscmp(user, L"user") && !domain && !password, "got %p %p\n", domain, password);
    pSspiLocalFree((void *)user);
    pSspiFreeAuthIdentity(id);

    pSspiFreeAuthIdentity(NULL);
    pSspiZeroAuthIdentity(NULL);
    pSspiLocalFree(NULL);
    if (!is_ours("secur32.dll")) return;
    ok(pSspiEncodeStringsAsAuthIdentity(L"user", NULL, NULL, NULL) == SEC_E_INVALID_PARAMETER, "NULL output\n");
    ok(pSspiEncodeAuthIdentityAsStrings(NULL, &user, &domain, &password) == SEC_E_INVALID_PARAMETER, "NULL id\n");
    ok(pSspiValidateAuthIdentity(NULL) == SEC_E_INVALID_PARAMETER, "NULL validated\n");
}

static void test_copy_compare_validate(void)
{
    SEC_WINNT_AUTH_IDENTITY_W plain = { (USHORT *)L"User", 4, (USHORT *)L"Domain", 6, (USHORT *)L"password", 8,
                                        SEC_WINNT_AUTH_IDENTITY_UNICODE };
    SEC_WINNT_AUTH_IDENTITY_A plain_a = { (UCHAR *)"user", 4, (UCHAR *)"DOMAIN", 6, (UCHAR *)"password", 8,
                                          SEC_WINNT_AUTH_IDENTITY_ANSI };
    SEC_WINNT_AUTH_IDENTITY_W bad = plain;
    PSEC_WINNT_AUTH_IDENTITY_OPAQUE id, other, copy;
    BOOLEAN same_user, same_identity;
    PCWSTR user, domain, password;

    ok(!pSspiEncodeStringsAsAuthIdentity(L"user", L"domain", L"password", &id), "encode failed\n");
    ok(!pSspiCopyAuthIdentity(id, &copy), "copy failed\n");
    ok(copy != id, "same pointer\n");
    check_ex(copy, L"user", L"domain", L"password", SEC_WINNT_AUTH_IDENTITY_UNICODE | SEC_WINNT_AUTH_IDENTITY_MARSHALLED);
    ok(!pSspiCompareAuthIdentities(id, copy, &same_user, &same_identity), "compare failed\n");
    ok(same_user && same_identity, "copy differs: %d %d\n", same_user, same_identity);
    pSspiZeroAuthIdentity(copy);
    ok(!pSspiCompareAuthIdentities(id, copy, &same_user, &same_identity), "compare failed\n");
    ok(same_user && !same_identity, "zeroed copy: %d %d\n", same_user, same_identity);
    ok(!wcsncmp(((SEC_WINNT_AUTH_IDENTITY_EXW *)id)->Password, L"password", 8), "original wiped\n");
    pSspiFreeAuthIdentity(copy);

    ok(!pSspiCopyAuthIdentity(&plain, &copy), "copy of a plain identity failed\n");
    check_ex(copy, L"User", L"Domain", L"password", SEC_WINNT_AUTH_IDENTITY_UNICODE | SEC_WINNT_AUTH_IDENTITY_MARSHALLED);
    pSspiFreeAuthIdentity(copy);

    if (!is_ours("secur32.dll")) goto done;    /* our choices where Windows says nothing */
    ok(!pSspiCompareAuthIdentities(id, &plain, &same_user, &same_identity), "compare failed\n");
    ok(same_user && same_identity, "case matters: %d %d\n", same_user, same_identity);
    ok(!pSspiCompareAuthIdentities(id, &plain_a, &same_user, &same_identity), "compare with ANSI failed\n");
    ok(same_user && same_identity, "ANSI differs: %d %d\n", same_user, same_identity);
    ok(!pSspiEncodeStringsAsAuthIdentity(L"user", L"domain", L"Password", &other), "encode failed\n");
    ok(!pSspiCompareAuthIdentities(id, other, &same_user, &same_identity), "compare failed\n");
    ok(same_user && !same_identity, "password case: %d %d\n", same_user, same_identity);
    pSspiFreeAuthIdentity(other);
    ok(!pSspiEncodeStringsAsAuthIdentity(L"user", NULL, L"password", &other), "encode failed\n");
    ok(!pSspiCompareAuthIdentities(id, other, &same_user, NULL), "compare failed\n");
    ok(!same_user, "no domain is the same user\n");
    pSspiFreeAuthIdentity(other);
    ok(!pSspiCompareAuthIdentities(NULL, NULL, &same_user, &same_identity) && same_user && same_identity,
       "NULL and NULL differ\n");
    ok(!pSspiCompareAuthIdentities(id, NULL, &same_user, &same_identity) && !same_user && !same_identity,
       "NULL is the same\n");

    ok(!pSspiValidateAuthIdentity(&plain) && !pSspiValidateAuthIdentity(&plain_a), "plain not valid\n");
    ok(!pSspiEncodeAuthIdentityAsStrings(&plain_a, &user, &domain, &password), "ANSI decode failed\n");
    ok(!wcscmp(user, L"user") && !wcscmp(domain, L"DOMAIN") && !wcscmp(password, L"password"),
       "ANSI decode: %s %s %s\n", wine_dbgstr_w(user), wine_dbgstr_w(domain), wine_dbgstr_w(password));
    pSspiLocalFree((void *)user);
    pSspiLocalFree((void *)domain);
    pSspiLocalFree((void *)password);
    bad.Flags = 0;
    ok(pSspiValidateAuthIdentity(&bad) == SEC_E_INVALID_TOKEN, "no character set validated\n");
    ok(pSspiCopyAuthIdentity(&bad, &copy) == SEC_E_INVALID_TOKEN, "bad identity copied\n");
    bad.Flags = SEC_WINNT_AUTH_IDENTITY_UNICODE;
    bad.Domain = NULL;
    ok(pSspiValidateAuthIdentity(&bad) == SEC_E_INVALID_TOKEN, "NULL domain with a length validated\n");
    ok(pSspiCopyAuthIdentity(NULL, &copy) == SEC_E_INVALID_PARAMETER, "NULL copied\n");
    ok(pSspiCopyAuthIdentity(id, NULL) == SEC_E_INVALID_PARAMETER, "NULL output\n");
    pSspiFreeAuthIdentity(&plain);    /* not ours: left alone */
    ok(plain.User && !wcscmp((WCHAR *)plain.User, L"User"), "caller's identity touched\n");
done:
    pSspiFreeAuthIdentity(id);
}

/* The marshalled layout (Wine's conformance tests measure it on Windows). */
struct marshalled
{
    ULONG version, length, user_off, user_len, domain_off, domain_len, password_off, password_len, flags,
          package_list_off, package_list_len;
};

static void test_marshal(void)
{
    SEC_WINNT_AUTH_IDENTITY_A plain_a = { (UCHAR *)"user", 4, (UCHAR *)"domain", 6, (UCHAR *)"password", 8,
                                          SEC_WINNT_AUTH_IDENTITY_ANSI };
    SEC_WINNT_AUTH_IDENTITY_EXW user_only = { SEC_WINNT_AUTH_IDENTITY_VERSION, sizeof(user_only), (USHORT *)L"user", 4 };
    SEC_WINNT_AUTH_IDENTITY_EX2 ex2 = { SEC_WINNT_AUTH_IDENTITY_VERSION_2, sizeof(ex2), sizeof(ex2) };
    const ULONG flags = SEC_WINNT_AUTH_IDENTITY_UNICODE | SEC_WINNT_AUTH_IDENTITY_MARSHALLED;
    PSEC_WINNT_AUTH_IDENTITY_OPAQUE id, back;
    SEC_WINNT_AUTH_IDENTITY_EXA *exa;
    struct marshalled *data;
    char short_data[8];
    ULONG len;

    ok(!pSspiEncodeStringsAsAuthIdentity(L"user", L"domain", L"password", &id), "encode failed\n");
    ok(!pSspiMarshalAuthIdentity(id, &len, (char **)&data), "marshal failed\n");
    ok(len == sizeof(*data) + 18 * sizeof(WCHAR) + sizeof(DWORD), "len %lu\n", len);
    ok(data->version == SEC_WINNT_AUTH_IDENTITY_VERSION && data->length == sizeof(*data), "header %lu %lu\n",
       data->version, data->length);
    ok(data->user_off == sizeof(*data) && data->user_len == 4, "user %lu %lu\n", data->user_off, data->user_len);
    ok(data->domain_off == data->user_off + 8 && data->domain_len == 6, "domain %lu\n", data->domain_off);
    ok(data->password_off == data->domain_off + 12 && data->password_len == 8, "password %lu\n", data->password_off);
    ok(data->flags == flags, "flags %#lx\n", data->flags);
    ok(!data->package_list_off && !data->package_list_len, "package list\n");
    ok(!memcmp((BYTE *)data + data->user_off, L"userdomainpassword", 36), "strings differ\n");
    pSspiFreeAuthIdentity(id);
    ok(!pSspiUnmarshalAuthIdentity(len, (char *)data, &back), "unmarshal failed\n");
    check_ex(back, L"user", L"domain", L"password", flags);
    ok((BYTE *)((SEC_WINNT_AUTH_IDENTITY_EXW *)back)->User == (BYTE *)back + sizeof(SEC_WINNT_AUTH_IDENTITY_EXW),
       "user not after the structure\n");
    pSspiFreeAuthIdentity(back);

    /* Damaged copies of the same bytes. */
    if (is_ours("secur32.dll"))
    {
        ok(pSspiUnmarshalAuthIdentity(len - 12, (char *)data, &back) == SEC_E_INVALID_TOKEN, "truncated accepted\n");
        data->password_len = 0x10000;
        ok(pSspiUnmarshalAuthIdentity(len, (char *)data, &back) == SEC_E_INVALID_TOKEN, "overlong accepted\n");
        data->version = 0x300;
        ok(pSspiUnmarshalAuthIdentity(len, (char *)data, &back) == SEC_E_INVALID_TOKEN, "version accepted\n");
        memset(short_data, 0, sizeof(short_data));
        ok(pSspiUnmarshalAuthIdentity(sizeof(short_data), short_data, &back) == SEC_E_INVALID_TOKEN, "zeros accepted\n");
        ok(pSspiUnmarshalAuthIdentity(2, short_data, &back) == SEC_E_INVALID_TOKEN, "2 bytes accepted\n");
        ok(pSspiUnmarshalAuthIdentity(len, NULL, &back) == SEC_E_INVALID_PARAMETER, "NULL accepted\n");
        ok(pSspiMarshalAuthIdentity(NULL, &len, (char **)&data) == SEC_E_INVALID_PARAMETER, "NULL marshalled\n");
    }
    pSspiLocalFree(data);

    ok(!pSspiMarshalAuthIdentity(&plain_a, &len, (char **)&data), "ANSI marshal failed\n");
    ok(len == sizeof(*data) + 18 + sizeof(DWORD), "ANSI len %lu\n", len);
    ok(data->domain_off == data->user_off + 4 && data->password_off == data->domain_off + 6, "ANSI offsets\n");
    ok(data->flags == SEC_WINNT_AUTH_IDENTITY_ANSI, "ANSI flags %#lx\n", data->flags);
    ok(!pSspiUnmarshalAuthIdentity(len, (char *)data, &back), "ANSI unmarshal failed\n");
    pSspiLocalFree(data);
    exa = back;
    ok(exa->Version == SEC_WINNT_AUTH_IDENTITY_VERSION && exa->Length == sizeof(*exa), "EXA header\n");
    ok(exa->User == (UCHAR *)(exa + 1) && exa->UserLength == 4 && !memcmp(exa->User, "user", 4), "EXA user\n");
    ok(exa->PasswordLength == 8 && !memcmp(exa->Password, "password", 8), "EXA password\n");
    ok(exa->Flags == (SEC_WINNT_AUTH_IDENTITY_ANSI | SEC_WINNT_AUTH_IDENTITY_MARSHALLED), "EXA flags %#lx\n", exa->Flags);
    pSspiFreeAuthIdentity(back);

    user_only.Flags = SEC_WINNT_AUTH_IDENTITY_UNICODE;
    ok(!pSspiMarshalAuthIdentity(&user_only, &len, (char **)&data), "EXW marshal failed\n");
    ok(len == sizeof(*data) + 8 + sizeof(DWORD), "EXW len %lu\n", len);
    ok(!data->domain_off && !data->domain_len && !data->password_off && !data->password_len, "absent strings\n");
    ok(data->flags == SEC_WINNT_AUTH_IDENTITY_UNICODE, "EXW flags %#lx\n", data->flags);
    ok(!pSspiUnmarshalAuthIdentity(len, (char *)data, &back), "EXW unmarshal failed\n");
    pSspiLocalFree(data);
    check_ex(back, L"user", NULL, NULL, flags);
    pSspiFreeAuthIdentity(back);

    ok(!pSspiMarshalAuthIdentity(&ex2, &len, (char **)&data), "EX2 marshal failed\n");
    ok(len == sizeof(ex2) + 2 * sizeof(DWORD), "EX2 len %lu\n", len);
    ok(!memcmp(&ex2, data, sizeof(ex2)), "EX2 bytes differ\n");
    ok(!pSspiUnmarshalAuthIdentity(len, (char *)data, &back), "EX2 unmarshal failed\n");
    pSspiLocalFree(data);
    ok(!memcmp(back, &ex2, sizeof(ex2)), "EX2 copy differs\n");
    pSspiFreeAuthIdentity(back);
}

static void test_encrypt(void)
{
    PSEC_WINNT_AUTH_IDENTITY_OPAQUE id, copy;
    SEC_WINNT_AUTH_IDENTITY_EXW *ex;
    SEC_WINNT_AUTH_IDENTITY_W plain = { (USHORT *)L"user", 4, NULL, 0, (USHORT *)L"password", 8,
                                        SEC_WINNT_AUTH_IDENTITY_UNICODE };
    PCWSTR user, domain, password;
    BYTE sample[16] = "sixteen bytes!!", before[16];
    BOOL protects;
    ULONG len;
    char *data;

    /* Whether this system's CryptProtectMemory changes the bytes (Wine 8's is a stub). */
    memcpy(before, sample, sizeof(sample));
    ok(CryptProtectMemory(sample, sizeof(sample), CRYPTPROTECTMEMORY_SAME_PROCESS), "CryptProtectMemory failed\n");
    protects = memcmp(before, sample, sizeof(sample)) != 0;
    trace("CryptProtectMemory changes the bytes: %d\n", protects);

    ok(!pSspiEncodeStringsAsAuthIdentity(L"user", L"domain", L"password", &id), "encode failed\n");
    ex = id;
    ok(!pSspiIsAuthIdentityEncrypted(id), "encrypted already\n");
    ok(!pSspiEncryptAuthIdentity(id), "encrypt failed\n");
    ok(pSspiIsAuthIdentityEncrypted(id), "not encrypted\n");
    ok(ex->Flags & SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED, "flags %#lx\n", ex->Flags);
    ok(!memcmp(ex->User, L"user", 8), "user changed\n");
    ok(!memcmp(ex->Password, L"password", 16) == !protects, "password bytes: protected %d\n", protects);
    ok(pSspiEncodeAuthIdentityAsStrings(id, &user, &domain, &password) == STATUS_INVALID_PARAMETER,
       "encrypted identity decoded\n");

    if (is_ours("secur32.dll"))
    {
        ok(pSspiMarshalAuthIdentity(id, &len, &data) == STATUS_INVALID_PARAMETER, "encrypted marshalled\n");
        ok(!pSspiCopyAuthIdentity(id, &copy), "copy failed\n");
        ok(pSspiIsAuthIdentityEncrypted(copy), "copy not encrypted\n");
        ok(!pSspiDecryptAuthIdentity(copy), "decrypt of the copy failed\n");
        ok(!pSspiEncodeAuthIdentityAsStrings(copy, &user, &domain, &password), "decode failed\n");
        ok(!wcscmp(password, L"password"), "copy's password %s\n", wine_dbgstr_w(password));
        pSspiLocalFree((void *)user);
        pSspiLocalFree((void *)domain);
        pSspiLocalFree((void *)password);
        pSspiFreeAuthIdentity(copy);
        ok(pSspiEncryptAuthIdentity(&plain) == SEC_E_INVALID_PARAMETER, "caller's identity encrypted\n");
        ok(!pSspiIsAuthIdentityEncrypted(&plain) && !pSspiIsAuthIdentityEncrypted(NULL), "reported encrypted\n");
        ok(pSspiEncryptAuthIdentity(NULL) == SEC_E_INVALID_PARAMETER, "NULL encrypted\n");
    }

    ok(!pSspiDecryptAuthIdentity(id), "decrypt failed\n");
    ok(!pSspiIsAuthIdentityEncrypted(id), "still encrypted\n");
    check_ex(id, L"user", L"domain", L"password", SEC_WINNT_AUTH_IDENTITY_UNICODE | SEC_WINNT_AUTH_IDENTITY_MARSHALLED);
    pSspiFreeAuthIdentity(id);
}

static void test_prepare_for_cred(void)
{
    PSEC_WINNT_AUTH_IDENTITY_OPAQUE id;
    PCWSTR target, user;
    ULONG type, size;
    UCHAR *blob;

    ok(!pSspiEncodeStringsAsAuthIdentity(L"username", L"domainname", L"password", &id), "encode failed\n");
    type = size = 0;
    ok(!pSspiPrepareForCredWrite(id, NULL, &type, &target, &user, &blob, &size), "write failed\n");
    ok(type == CRED_TYPE_DOMAIN_PASSWORD, "type %lu\n", type);
    ok(!wcscmp(target, L"domainname\\username") && !wcscmp(user, L"domainname\\username"), "target %s user %s\n",
       wine_dbgstr_w(target), wine_dbgstr_w(user));
    ok(size == 16 && !memcmp(blob, L"password", 16), "blob size %lu\n", size);
    pSspiLocalFree((void *)target);
    pSspiLocalFree((void *)user);
    pSspiLocalFree(blob);
    ok(!pSspiPrepareForCredWrite(id, L"server", &type, &target, &user, &blob, &size), "write failed\n");
    ok(!wcscmp(target, L"server") && !wcscmp(user, L"domainname\\username"), "target %s\n", wine_dbgstr_w(target));
    pSspiLocalFree((void *)target);
    pSspiLocalFree((void *)user);
    pSspiLocalFree(blob);
    if (is_ours("secur32.dll"))
    {
        type = 0;
        ok(!pSspiPrepareForCredRead(id, L"server", &type, &target), "read failed\n");
        ok(type == CRED_TYPE_DOMAIN_PASSWORD && !wcscmp(target, L"server"), "read: %lu %s\n", type,
           wine_dbgstr_w(target));
        pSspiLocalFree((void *)target);
        ok(pSspiPrepareForCredRead(NULL, L"server", &type, &target) == SEC_E_INVALID_PARAMETER, "NULL read\n");
        ok(pSspiPrepareForCredWrite(id, NULL, &type, &target, &user, NULL, &size) == SEC_E_INVALID_PARAMETER,
           "NULL blob\n");
    }
    pSspiFreeAuthIdentity(id);

    ok(!pSspiEncodeStringsAsAuthIdentity(L"username", NULL, L"password", &id), "encode failed\n");
    ok(!pSspiPrepareForCredWrite(id, NULL, &type, &target, &user, &blob, &size), "write failed\n");
    ok(!wcscmp(target, L"username") && !wcscmp(user, L"username"), "no domain: %s\n", wine_dbgstr_w(user));
    pSspiLocalFree((void *)target);
    pSspiLocalFree((void *)user);
    pSspiLocalFree(blob);
    pSspiFreeAuthIdentity(id);
}

static void test_target_host_and_packages(void)
{
    static const struct { const WCHAR *target, *host; } hosts[] =
    {
        { L"HTTP/www.example.com", L"www.example.com" },
        { L"HTTP/www.example.com:8080/service", L"www.example.com" },
        { L"www.example.com:443", L"www.example.com" },
        { L"host", L"host" },
        { L"ldap/[::1]:389", L"[::1]" },
    };
    PSEC_WINNT_AUTH_IDENTITY_OPAQUE id, one, two;
    SEC_WINNT_AUTH_IDENTITY_EXW *ex;
    WCHAR *host;
    unsigned i;

    if (!is_ours("secur32.dll"))
    {
        skip("not our secur32.dll: host names and package lists are our choices\n");
        return;
    }
    for (i = 0; i < ARRAY_SIZE(hosts); i++)
    {
        ok(!pSspiGetTargetHostName(hosts[i].target, &host), "%s failed\n", wine_dbgstr_w(hosts[i].target));
        ok(!wcscmp(host, hosts[i].host), "%s: got %s\n", wine_dbgstr_w(hosts[i].target), wine_dbgstr_w(host));
        pSspiLocalFree(host);
    }
    ok(pSspiGetTargetHostName(NULL, &host) == SEC_E_INVALID_PARAMETER, "NULL target\n");
    ok(pSspiGetTargetHostName(L"HTTP/", &host) == SEC_E_INVALID_PARAMETER, "empty host\n");
    ok(pSspiGetTargetHostName(L"host", NULL) == SEC_E_INVALID_PARAMETER, "NULL output\n");

    ok(!pSspiEncodeStringsAsAuthIdentity(L"user", L"domain", L"password", &id), "encode failed\n");
    ok(!pSspiExcludePackage(id, L"NTLM", &one), "exclude failed\n");
    ex = one;
    ok(ex->PackageListLength == 5 && !wcscmp(ex->PackageList, L"!NTLM"), "list %s\n", wine_dbgstr_w(ex->PackageList));
    ok(!wcscmp(ex->Password, L"password") && ex->Flags == (SEC_WINNT_AUTH_IDENTITY_UNICODE | SEC_WINNT_AUTH_IDENTITY_MARSHALLED),
       "password or flags changed\n");
    ok(!pSspiExcludePackage(one, L"Kerberos", &two), "exclude failed\n");
    ex = two;
    ok(!wcscmp(ex->PackageList, L"!NTLM,!Kerberos"), "list %s\n", wine_dbgstr_w(ex->PackageList));
    pSspiFreeAuthIdentity(two);
    ok(!pSspiExcludePackage(one, L"ntlm", &two), "exclude failed\n");
    ex = two;
    ok(!wcscmp(ex->PackageList, L"!ntlm"), "list %s\n", wine_dbgstr_w(ex->PackageList));
    pSspiFreeAuthIdentity(two);
    ok(pSspiExcludePackage(id, NULL, &two) == SEC_E_INVALID_PARAMETER, "NULL package\n");
    ok(pSspiExcludePackage(id, L"a,b", &two) == SEC_E_INVALID_PARAMETER, "list as a package\n");
    ok(pSspiExcludePackage(NULL, L"NTLM", &two) == SEC_E_INVALID_PARAMETER, "NULL identity\n");
    pSspiFreeAuthIdentity(one);
    pSspiFreeAuthIdentity(id);
}

START_TEST(identity)
{
    ours = is_ours("secur32.dll");
    read_account();
    test_user_name_formats();
    test_user_name_sizes();
    test_dotnet_user_name();
    test_user_name_impersonating();
    test_computer_object_name();
    test_translate_name();
    if (!load_functions())
    {
        skip("this secur32.dll lacks some Sspi* identity functions\n");
        return;
    }
    test_encode_strings();
    test_copy_compare_validate();
    test_marshal();
    test_encrypt();
    test_prepare_for_cred();
    test_target_host_and_packages();
}
