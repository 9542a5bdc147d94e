/**
 * Places the timed events of one day column: each gets its top and height (minutes since the
 * day's midnight, clipped to the day) and a column among the events it overlaps, so overlapping
 * meetings sit side by side instead of on top of each other (the usual calendar layout: greedy
 * columns per cluster of overlapping events).
 */

export interface DayBox<T> {
  item: T;
  /** Minutes from the day's start (0–1440). */
  top: number;
  /** Minutes (at least 15, so a short event stays clickable). */
  height: number;
  column: number;
  columns: number;
}

export function layoutDayEvents<T>(items: Array<{ item: T; start: number; end: number }>): DayBox<T>[] {
  const sorted = items
    .map((entry) => ({
      ...entry,
      start: Math.max(0, entry.start),
      end: Math.min(1440, Math.max(entry.end, entry.start)),
    }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const boxes: DayBox<T>[] = [];
  let cluster: DayBox<T>[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -1;
  const closeCluster = () => {
    for (const box of cluster) box.columns = columnEnds.length;
    cluster = [];
    columnEnds = [];
  };
  for (const entry of sorted) {
    const visualEnd = Math.max(entry.end, entry.start + 15);
    if (entry.start >= clusterEnd) closeCluster();
    let column = columnEnds.findIndex((end) => end <= entry.start);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(visualEnd);
    } else columnEnds[column] = visualEnd;
    const box: DayBox<T> = { item: entry.item, top: entry.start, height: visualEnd - entry.start, column, columns: 1 };
    cluster.push(box);
    boxes.push(box);
    clusterEnd = Math.max(clusterEnd, visualEnd);
  }
  closeCluster();
  return boxes;
}
