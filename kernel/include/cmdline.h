/*
 * cmdline.h - the kernel command line: "key=value" and bare "flag" words.
 *
 * Every option the kernel understands is declared once with KERNEL_PARAM() next to the code that
 * uses it; cmdline_parse() warns about any word no declaration claims, so typos are visible.
 */
#ifndef NIDO_CMDLINE_H
#define NIDO_CMDLINE_H

struct kernel_param {
	const char *name;
	const char *help;
	const char **value;	/* set to the text after '=' ("" for a bare flag), NULL if absent */
};

#define KERNEL_PARAM(var, pname, phelp)                                                   \
	const char *var;                                                                  \
	static const struct kernel_param __kparam_##var                                   \
		__attribute__((used, section(".kparams"), aligned(8))) = {                 \
			.name = (pname), .help = (phelp), .value = &var }

/* Split `cmdline` (modified in place) and fill every declared parameter. Returns #unknown. */
int cmdline_parse(char *cmdline);
void cmdline_print_params(void);

#endif
