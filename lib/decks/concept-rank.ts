/** What ranking needs of a concept: its slug and the slugs it requires. */
export interface RankableConcept {
  slug: string;
  prerequisites: string[];
}

/** A binary min-heap of deck positions. */
class PositionHeap {
  private items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const items = this.items;
    items.push(value);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (items[parent] <= value) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = value;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= items.length) break;
        const child = left + 1 < items.length && items[left + 1] < items[left] ? left + 1 : left;
        if (items[child] >= last) break;
        items[i] = items[child];
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

/**
 * The order in which a deck's new cards are introduced: deck order, except that a concept never
 * comes before one it requires. Given the concepts in deck order, returns each one's rank (0 first).
 *
 * A stable topological sort (Kahn's algorithm taking the earliest available concept in deck order
 * each time), O((n + e) log n). A prerequisite that is not in the deck, or the concept itself, is
 * ignored. When a cycle leaves nothing available, the earliest remaining concept goes next as if
 * its prerequisites were met, so a cycle costs the order, never a card.
 *
 * Computed once per deck when its concepts are stored, so reading the first new cards is an
 * ORDER BY + LIMIT instead of ordering every new card on every request.
 */
export function rankConcepts(concepts: RankableConcept[]): number[] {
  const n = concepts.length;
  const positionOf = new Map<string, number>();
  concepts.forEach((concept, i) => {
    if (!positionOf.has(concept.slug)) positionOf.set(concept.slug, i);
  });
  const unmet = new Array<number>(n).fill(0);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  concepts.forEach((concept, i) => {
    for (const slug of new Set(concept.prerequisites)) {
      const required = positionOf.get(slug);
      if (required === undefined || required === i) continue;
      unmet[i] += 1;
      dependents[required].push(i);
    }
  });

  const ranks = new Array<number>(n).fill(-1);
  const available = new PositionHeap();
  for (let i = 0; i < n; i++) if (unmet[i] === 0) available.push(i);
  // The earliest concept not ranked yet: where a cycle is broken.
  let earliest = 0;
  for (let rank = 0; rank < n; rank++) {
    let next: number;
    if (available.size > 0) {
      next = available.pop();
    } else {
      while (ranks[earliest] !== -1) earliest++;
      next = earliest;
    }
    ranks[next] = rank;
    for (const dependent of dependents[next]) {
      unmet[dependent] -= 1;
      if (unmet[dependent] === 0 && ranks[dependent] === -1) available.push(dependent);
    }
  }
  return ranks;
}
