/*
 * frameref.h - reference counts on physical frames mapped into user space.
 *
 * After fork, a private page is mapped read-only in both processes and the frame's count is 2;
 * the first write copies it (or, when the count has dropped back to 1, just makes it writable).
 * Frames of MAP_SHARED regions are counted once per mapping plus once by their shared object.
 */
#ifndef NIDO_FRAMEREF_H
#define NIDO_FRAMEREF_H

#include <stdint.h>

int frameref_init(void);		/* after the frame allocator; 0 or -ENOMEM */
uint64_t user_frame_alloc(void);	/* a zeroed frame with count 1, or 0 */
void frame_ref_get(uint64_t pa);
void frame_ref_put(uint64_t pa);	/* frees the frame when the count reaches 0 */
unsigned frame_ref_count(uint64_t pa);

#endif
