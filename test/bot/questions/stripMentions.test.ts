import { describe, expect, it } from 'vitest';
import { stripMentions } from '../../../bot/questions/stripMentions.ts';

describe('stripMentions', () => {
  it('removes the bot mention Teams puts at the start of a channel message', () => {
    expect(stripMentions('<at>Attendance Bot</at> who is persistently absent?')).toBe('who is persistently absent?');
  });

  it('removes mentions with attributes and ones in the middle of the text', () => {
    expect(stripMentions('hi <at id="0">Attendance Bot</at>, any <at id="1">Sam Jones</at> fines?')).toBe(
      'hi , any fines?',
    );
  });

  it('turns paragraphs and line breaks into spaces so words do not run together', () => {
    expect(stripMentions('<p>who is late</p><p>in 9B</p>line<br/>two')).toBe('who is late in 9B line two');
  });

  it('drops inline formatting without splitting the word it sits in', () => {
    expect(stripMentions('who is <b>persist</b>ently absent')).toBe('who is persistently absent');
  });

  it('decodes named and numeric entities, and decodes only once', () => {
    expect(stripMentions('FSM&nbsp;&amp;&nbsp;SEN &#39;PA&#x27; &lt;90% &amp;nbsp;')).toBe(
      "FSM & SEN 'PA' <90% &nbsp;",
    );
  });

  it('keeps an escaped tag as text, because the user typed it', () => {
    expect(stripMentions('what does &lt;at&gt; mean')).toBe('what does <at> mean');
  });

  it('keeps case and punctuation, which pupil names need', () => {
    expect(stripMentions("  how is   Liam O'Brien doing?  ")).toBe("how is Liam O'Brien doing?");
  });

  it('leaves nothing of a message that was only a mention', () => {
    expect(stripMentions('<at>Attendance Bot</at>&nbsp;')).toBe('');
  });
});
