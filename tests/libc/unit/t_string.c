/*
 * t_string.c - <string.h>, <strings.h>: copying, comparing, searching, splitting.
 */
#include <string.h>
#include <strings.h>
#include <stdlib.h>

#include "../check.h"

static void test_mem(void)
{
	char buf[64], big[5000], big2[5000];

	memset(buf, 'x', sizeof(buf));
	CHECK(buf[0] == 'x' && buf[63] == 'x');
	memset(buf, 0, 10);
	CHECK(buf[9] == 0 && buf[10] == 'x');
	CHECK(memcpy(buf, "hello", 6) == buf);
	CHECK_STR(buf, "hello");
	memmove(buf + 1, buf, 6);	/* overlapping, dst above src */
	CHECK_STR(buf + 1, "hello");
	memmove(buf, buf + 1, 6);	/* overlapping, dst below src */
	CHECK_STR(buf, "hello");
	CHECK(memcmp("abc", "abd", 3) < 0);
	CHECK(memcmp("abc", "abc", 3) == 0);
	CHECK(memcmp("\xff", "a", 1) > 0);	/* compared as unsigned char */
	CHECK(memcmp("a", "b", 0) == 0);
	CHECK(memchr("hello", 'l', 5) == (void *)((char *)"hello" + 2) ||
	      *(char *)memchr("hello", 'l', 5) == 'l');
	CHECK(memchr("hello", 'z', 5) == NULL);
	CHECK(memrchr("hello", 'l', 5) != NULL && *((char *)memrchr("hello", 'l', 5) + 1) == 'o');
	CHECK(memmem("abcabcd", 7, "abcd", 4) != NULL);
	CHECK(memmem("abcabc", 6, "abcd", 4) == NULL);
	for (int i = 0; i < 5000; i++)
		big[i] = (char)(i * 7);
	memcpy(big2, big, sizeof(big));
	CHECK(memcmp(big, big2, sizeof(big)) == 0);
	memmove(big + 3, big, 4000);
	CHECK(memcmp(big + 3, big2, 4000) == 0);
	CHECK((char *)mempcpy(buf, "ab", 2) == buf + 2);
	CHECK(memccpy(buf, "hello", 'l', 5) == buf + 3);
}

static void test_str(void)
{
	char buf[64], *save, *tok, *s;

	CHECK_INT(strlen(""), 0);
	CHECK_INT(strlen("hello"), 5);
	CHECK_INT(strnlen("hello", 3), 3);
	CHECK_INT(strnlen("hi", 10), 2);
	CHECK_STR(strcpy(buf, "abc"), "abc");
	CHECK_STR(strcat(buf, "def"), "abcdef");
	CHECK_STR(strncat(buf, "ghijk", 2), "abcdefgh");
	CHECK(stpcpy(buf, "xyz") == buf + 3);
	memset(buf, 'Q', sizeof(buf));
	strncpy(buf, "ab", 5);
	CHECK(buf[2] == 0 && buf[4] == 0 && buf[5] == 'Q');
	strncpy(buf, "abcdef", 3);
	CHECK(buf[0] == 'a' && buf[2] == 'c' && buf[3] == 0);
	CHECK_INT(strlcpy(buf, "hello world", 6), 11);
	CHECK_STR(buf, "hello");
	CHECK_INT(strlcat(buf, " there", 9), 11);
	CHECK_STR(buf, "hello th");

	CHECK(strcmp("a", "b") < 0);
	CHECK(strcmp("b", "a") > 0);
	CHECK(strcmp("abc", "abc") == 0);
	CHECK(strcmp("ab", "abc") < 0);
	CHECK(strcmp("\xe9", "e") > 0);
	CHECK(strncmp("abcd", "abce", 3) == 0);
	CHECK(strncmp("abcd", "abce", 4) < 0);
	CHECK(strcasecmp("HeLLo", "hello") == 0);
	CHECK(strncasecmp("HeLLo!", "hellO?", 5) == 0);
	CHECK(strcasecmp("a", "B") < 0);

	s = "hello";
	CHECK(strchr(s, 'l') == s + 2);
	CHECK(strrchr(s, 'l') == s + 3);
	CHECK(strchr(s, '\0') == s + 5);
	CHECK(strchr(s, 'z') == NULL);
	CHECK(strchrnul(s, 'z') == s + 5);
	CHECK(strstr("the quick brown", "quick") != NULL);
	CHECK_STR(strstr("the quick brown", "brown"), "brown");
	CHECK(strstr("abc", "") != NULL);
	CHECK(strstr("abc", "abcd") == NULL);
	CHECK_INT(strspn("aabbcd", "ab"), 4);
	CHECK_INT(strcspn("hello, world", ",;"), 5);
	CHECK_STR(strpbrk("hello, world", " ,"), ", world");

	strcpy(buf, "  a,b,,c  ");
	tok = strtok_r(buf, " ,", &save);
	CHECK_STR(tok, "a");
	CHECK_STR(strtok_r(NULL, " ,", &save), "b");
	CHECK_STR(strtok_r(NULL, " ,", &save), "c");
	CHECK(strtok_r(NULL, " ,", &save) == NULL);
	strcpy(buf, "x:y");
	CHECK_STR(strtok(buf, ":"), "x");
	CHECK_STR(strtok(NULL, ":"), "y");
	CHECK(strtok(NULL, ":") == NULL);

	strcpy(buf, "a,,b");
	s = buf;
	CHECK_STR(strsep(&s, ","), "a");
	CHECK_STR(strsep(&s, ","), "");
	CHECK_STR(strsep(&s, ","), "b");
	CHECK(s == NULL);

	s = strdup("copy me");
	CHECK_STR(s, "copy me");
	free(s);
	s = strndup("copy me", 4);
	CHECK_STR(s, "copy");
	free(s);
	CHECK_INT(ffs(0), 0);
	CHECK_INT(ffs(8), 4);
}

static void test_errors(void)
{
	char buf[64];

	CHECK_STR(strerror(0), "Success");
	CHECK_STR(strerror(2), "No such file or directory");
	CHECK_STR(strerror(38), "Function not implemented");
	CHECK_STR(strerror(9999), "Unknown error 9999");
	CHECK_INT(strerror_r(13, buf, sizeof(buf)), 0);
	CHECK_STR(buf, "Permission denied");
	CHECK_INT(strerror_r(13, buf, 5), 34);	/* ERANGE */
	CHECK_STR(buf, "Perm");
	CHECK_STR(strsignal(9), "Killed");
	CHECK_STR(strsignal(11), "Segmentation fault");
	CHECK_STR(strsignal(0), "Unknown signal 0");
}

int main(void)
{
	test_mem();
	test_str();
	test_errors();
	return check_report();
}
