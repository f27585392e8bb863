/*
 * ctype.c - character classification for the "C" locale.
 *
 * Each of the 128 ASCII codes has a set of class bits in one table; the is*() functions test a
 * bit. Arguments outside 0..127 (EOF, bytes >= 128) belong to no class, as in glibc's "C" locale.
 */
#include <ctype.h>

enum {
	C_CNTRL = 1 << 0,
	C_SPACE = 1 << 1,	/* ' ' \t \n \v \f \r */
	C_BLANK = 1 << 2,	/* ' ' \t */
	C_PUNCT = 1 << 3,
	C_DIGIT = 1 << 4,
	C_XDIGIT = 1 << 5,
	C_UPPER = 1 << 6,
	C_LOWER = 1 << 7,
};

static unsigned char classes(int c)
{
	if (c < 0 || c > 127)
		return 0;
	if (c == ' ')
		return C_SPACE | C_BLANK;
	if (c == '\t')
		return C_CNTRL | C_SPACE | C_BLANK;
	if (c >= '\n' && c <= '\r')
		return C_CNTRL | C_SPACE;
	if (c < ' ' || c == 127)
		return C_CNTRL;
	if (c >= '0' && c <= '9')
		return C_DIGIT | C_XDIGIT;
	if (c >= 'A' && c <= 'Z')
		return C_UPPER | (c <= 'F' ? C_XDIGIT : 0);
	if (c >= 'a' && c <= 'z')
		return C_LOWER | (c <= 'f' ? C_XDIGIT : 0);
	return C_PUNCT;
}

int isalnum(int c)
{
	return (classes(c) & (C_UPPER | C_LOWER | C_DIGIT)) != 0;
}

int isalpha(int c)
{
	return (classes(c) & (C_UPPER | C_LOWER)) != 0;
}

int isascii(int c)
{
	return c >= 0 && c <= 127;
}

int isblank(int c)
{
	return (classes(c) & C_BLANK) != 0;
}

int iscntrl(int c)
{
	return (classes(c) & C_CNTRL) != 0;
}

int isdigit(int c)
{
	return c >= '0' && c <= '9';
}

/* printable and not a space */
int isgraph(int c)
{
	return (classes(c) & (C_UPPER | C_LOWER | C_DIGIT | C_PUNCT)) != 0;
}

int islower(int c)
{
	return (classes(c) & C_LOWER) != 0;
}

int isprint(int c)
{
	return c == ' ' || isgraph(c);
}

int ispunct(int c)
{
	return (classes(c) & C_PUNCT) != 0;
}

int isspace(int c)
{
	return (classes(c) & C_SPACE) != 0;
}

int isupper(int c)
{
	return (classes(c) & C_UPPER) != 0;
}

int isxdigit(int c)
{
	return (classes(c) & C_XDIGIT) != 0;
}

int tolower(int c)
{
	return isupper(c) ? c - 'A' + 'a' : c;
}

int toupper(int c)
{
	return islower(c) ? c - 'a' + 'A' : c;
}

int toascii(int c)
{
	return c & 0x7f;
}
