export { detectBlock, parseRetryAfter } from './detect-block.ts';
export { findCaptcha } from './captcha-widgets.ts';
export {
  BLOCK_KINDS, CAPTCHA_TYPES, type BlockKind, type BlockVerdict, type CaptchaInfo, type CaptchaType, type DetectBlockInput,
} from './types.ts';
export { CaptchaSolverError, type CaptchaSolution, type CaptchaSolveRequest, type CaptchaSolver, type SolverLogger } from './captcha/solver.ts';
export { TwoCaptchaSolver, type TwoCaptchaOptions } from './captcha/two-captcha.ts';
