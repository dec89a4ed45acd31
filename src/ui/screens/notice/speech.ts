// 朗读: reads the notice aloud for villagers who cannot read, with a Mandarin (zh-CN) voice only;
// without one (most desktop and headless browsers) the button is not shown at all.
import { useEffect, useState } from 'preact/hooks';

/** Mainland Mandarin voices: zh, zh-CN, zh_CN, cmn-CN, zh-Hans…; not zh-TW / zh-HK (Cantonese). */
export const isMandarinVoice = (lang: string) => /^(zh|cmn)([-_](CN|Hans)([-_].*)?)?$/i.test(lang);

function pickVoice(): SpeechSynthesisVoice | null {
  const voices = window.speechSynthesis.getVoices().filter((v) => isMandarinVoice(v.lang));
  return voices.find((v) => /cn/i.test(v.lang)) ?? voices[0] ?? null;
}

export function useMandarinVoice(): SpeechSynthesisVoice | null {
  const [voice, setVoice] = useState<SpeechSynthesisVoice | null>(null);
  useEffect(() => {
    if (!('speechSynthesis' in window)) return;
    const update = () => setVoice(pickVoice());
    update();
    window.speechSynthesis.addEventListener('voiceschanged', update);
    return () => {
      window.speechSynthesis.removeEventListener('voiceschanged', update);
      window.speechSynthesis.cancel();
    };
  }, []);
  return voice;
}

/** Speaks `text`; `onDone` runs when it ends, fails or is stopped. */
export function speak(text: string, voice: SpeechSynthesisVoice, onDone: () => void): void {
  window.speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.voice = voice;
  u.lang = voice.lang;
  u.rate = 0.85; // a little slower: for elderly listeners
  u.onend = onDone;
  u.onerror = onDone;
  window.speechSynthesis.speak(u);
}

export const stopSpeaking = () => window.speechSynthesis.cancel();
