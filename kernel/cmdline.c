/*
 * cmdline.c - parse the kernel command line against the declared parameters.
 *
 * Parameters are data: each KERNEL_PARAM() lands in the .kparams section, and this file walks
 * that table. The command line is split in place into words; a word is "name" or "name=value".
 */
#include "kernel.h"
#include "cmdline.h"
#include "string.h"

extern const struct kernel_param __kparams_start[], __kparams_end[];

static const struct kernel_param *find_param(const char *name, size_t len)
{
	for (const struct kernel_param *p = __kparams_start; p < __kparams_end; p++)
		if (strlen(p->name) == len && strncmp(p->name, name, len) == 0)
			return p;
	return NULL;
}

int cmdline_parse(char *cmdline)
{
	int unknown = 0;
	char *p = cmdline;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		char *word = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = '\0';
		char *eq = strchr(word, '=');
		size_t namelen = eq ? (size_t)(eq - word) : strlen(word);
		const struct kernel_param *param = find_param(word, namelen);
		if (!param) {
			kprintf("nido: warning: unknown kernel option '%s' ignored\n", word);
			unknown++;
			continue;
		}
		*param->value = eq ? eq + 1 : "";
	}
	return unknown;
}

void cmdline_print_params(void)
{
	for (const struct kernel_param *p = __kparams_start; p < __kparams_end; p++)
		kprintf("  %-12s %s\n", p->name, p->help);
}
