/*
 * list.h - intrusive circular doubly-linked lists.
 *
 * The list node lives inside the object that is on the list, so putting an object on a list never
 * allocates memory and can never fail. A list is named by a head node that belongs to nobody; an
 * empty list is a head that points at itself both ways. container_of() turns a node back into the
 * object around it. One object can be on several lists at once by embedding several nodes.
 *
 * Nothing here locks: whoever owns a list says which lock protects it, next to the head.
 */
#ifndef NIDO_LIST_H
#define NIDO_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_head {
	struct list_head *next;
	struct list_head *prev;
};

/* The object of type `type` whose member `member` is at address `ptr`. */
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))

#define list_entry(node, type, member)		container_of(node, type, member)
#define list_first_entry(head, type, member)	list_entry((head)->next, type, member)

/* A static head: `static struct list_head runnable = LIST_HEAD_INIT(runnable);` */
#define LIST_HEAD_INIT(name) { &(name), &(name) }

/* Make `head` an empty list (or make a node unlinked). */
static inline void list_init(struct list_head *head)
{
	head->next = head;
	head->prev = head;
}

static inline void list_insert_between(struct list_head *node, struct list_head *prev,
				       struct list_head *next)
{
	node->next = next;
	node->prev = prev;
	prev->next = node;
	next->prev = node;
}

/* Put `node` first on the list (stack order). */
static inline void list_add(struct list_head *node, struct list_head *head)
{
	list_insert_between(node, head, head->next);
}

/* Put `node` last on the list (queue order). */
static inline void list_add_tail(struct list_head *node, struct list_head *head)
{
	list_insert_between(node, head->prev, head);
}

/*
 * Take `node` off whatever list it is on. The node is left pointing at itself, so list_empty(node)
 * tells whether it is on a list and a second list_del() is harmless.
 */
static inline void list_del(struct list_head *node)
{
	node->prev->next = node->next;
	node->next->prev = node->prev;
	list_init(node);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* Walk the objects on a list; the body must not remove `pos`. */
#define list_for_each_entry(pos, head, member)                                      \
	for (pos = list_entry((head)->next, __typeof__(*pos), member);              \
	     &pos->member != (head);                                                \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

/* Walk the objects on a list; the body may remove (and free) `pos`, `tmp` is scratch. */
#define list_for_each_entry_safe(pos, tmp, head, member)                            \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),              \
	     tmp = list_entry(pos->member.next, __typeof__(*pos), member);          \
	     &pos->member != (head);                                                \
	     pos = tmp, tmp = list_entry(tmp->member.next, __typeof__(*tmp), member))

/* Iterate from the last entry back to the first (the list must not change). */
#define list_for_each_entry_reverse(pos, head, member)                              \
	for (pos = list_entry((head)->prev, __typeof__(*pos), member);              \
	     &pos->member != (head);                                                \
	     pos = list_entry(pos->member.prev, __typeof__(*pos), member))

#endif
