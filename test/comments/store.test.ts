import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/db.ts';
import type { Db } from '../../src/store/db.ts';
import { saveArticle } from '../../src/store/articles.ts';
import { createUser } from '../../src/store/users.ts';
import { addComment, CommentError, countVisibleComments, deleteComment, editComment, listComments, listForModeration, reportComment, setCommentHidden } from '../../src/store/comments.ts';
import { extractedArticle } from '../helpers/article.ts';

const FAST = { N: 1024, r: 8, p: 1 };

for (const engine of await testEngines()) {
  describe(`comments store on the ${engine.name} engine`, () => {
    let db: Db;
    let articleId: number;
    let ann: number;
    let ben: number;
    let mo: number;
    beforeAll(async () => {
      db = await engine.open();
      articleId = (await saveArticle(db, extractedArticle({ title: 'Canal reopens', text: 'The canal reopened on Monday.', sourceName: 'Lock Keeper', publishedAt: new Date('2026-11-01T00:00:00Z') }), null)).id;
      ann = (await createUser(db, { username: 'anna', password: 'long enough password' }, FAST)).id;
      ben = (await createUser(db, { username: 'benny', password: 'long enough password' }, FAST)).id;
      mo = (await createUser(db, { username: 'moe', password: 'long enough password', role: 'moderator' }, FAST)).id;
    });
    afterAll(async () => {
      await db?.close();
    });

    it('threads, edits, reports, hides and deletes', async () => {
      const root = await addComment(db, { userId: ann, target: { articleId }, body: 'First  \u200Bthought' });
      expect(root).toMatchObject({ authorName: 'anna', body: 'First  thought', parentId: null, hidden: false, deleted: false });
      const reply = await addComment(db, { userId: ben, target: { articleId }, parentId: root.id, body: 'A reply' });
      expect(reply.parentId).toBe(root.id);
      await expect(editComment(db, root.id, ben, 'hijack')).rejects.toMatchObject({ kind: 'forbidden' });
      expect((await editComment(db, root.id, ann, 'First thought, edited')).body).toBe('First thought, edited');
      await expect(reportComment(db, root.id, ann, 'self')).rejects.toThrow(/your own comment/);
      expect((await reportComment(db, root.id, ben, 'spam')).counted).toBe(true);
      expect((await reportComment(db, root.id, ben, 'spam again')).counted).toBe(false);
      expect((await listForModeration(db)).map((c) => [c.id, c.reportedCount])).toEqual([[root.id, 1]]);
      expect((await setCommentHidden(db, root.id, true, mo)).hidden).toBe(true);
      expect(await countVisibleComments(db, { articleId })).toBe(1);
      await expect(addComment(db, { userId: ben, target: { articleId }, parentId: root.id, body: 'reply to hidden' })).rejects.toThrow(/was removed/);
      const restored = await setCommentHidden(db, root.id, false, mo);
      expect(restored).toMatchObject({ hidden: false, reportedCount: 0 });
      await expect(deleteComment(db, reply.id, { id: ann, role: 'reader' })).rejects.toBeInstanceOf(CommentError);
      expect(await deleteComment(db, reply.id, { id: mo, role: 'moderator' })).toMatchObject({ deleted: true, body: '' });
      const thread = await listComments(db, { articleId });
      expect(thread.map((c) => [c.id, c.parentId, c.deleted])).toEqual([
        [root.id, null, false],
        [reply.id, root.id, true],
      ]);
    });

    it('refuses comments on a missing article or story and replies across pages', async () => {
      await expect(addComment(db, { userId: ann, target: { articleId: 999_999 }, body: 'x' })).rejects.toThrow('article 999999 does not exist');
      await expect(addComment(db, { userId: ann, target: { storyId: 999_999 }, body: 'x' })).rejects.toThrow('story 999999 does not exist');
      const other = (await saveArticle(db, extractedArticle({ title: 'Other page', text: 'Something else entirely.', sourceName: 'Lock Keeper', publishedAt: null, timeBasis: 'unknown' }), null)).id;
      const there = await addComment(db, { userId: ann, target: { articleId: other }, body: 'over there' });
      await expect(addComment(db, { userId: ben, target: { articleId }, parentId: there.id, body: 'cross' })).rejects.toThrow(/not on this page/);
    });
  });
}
