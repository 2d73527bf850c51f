// The ui project's setup: the UI suite shares two cores with Chromium end-to-end runs, where a
// screen that answers in 50 ms alone can take over a second; findBy*/waitFor wait up to 5 s
// (a missing element still fails, just later).
import { configure } from '@testing-library/preact';

configure({ asyncUtilTimeout: 5_000 });
