import type { LocalSignalling } from '../meeting/local-signalling';

/** The local stack's join and leave, recorded; `hidePage()` plays the tab going away. */
export class FakeSignalling implements LocalSignalling {
  readonly joins: Array<{ meetingId: string; joinToken: string }> = [];
  readonly leaves: string[] = [];
  readonly beacons: string[] = [];
  joinResult: () => Promise<string> = async () => 'session-1';
  private hideHandlers: Array<() => void> = [];

  join(meetingId: string, joinToken: string): Promise<string> {
    this.joins.push({ meetingId, joinToken });
    return this.joinResult();
  }

  leave(session: string): void {
    this.leaves.push(session);
  }

  leaveOnPageHide(session: string, alsoOnHide: () => void): () => void {
    const handler = () => {
      this.beacons.push(session);
      alsoOnHide();
    };
    this.hideHandlers.push(handler);
    return () => {
      this.hideHandlers = this.hideHandlers.filter((h) => h !== handler);
    };
  }

  hidePage(): void {
    [...this.hideHandlers].forEach((h) => h());
  }

  get listeningForPageHide(): number {
    return this.hideHandlers.length;
  }
}
