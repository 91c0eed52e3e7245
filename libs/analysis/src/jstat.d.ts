// jstat ships no typings: only the distributions libs/analysis calls are declared here.
declare module 'jstat' {
  const jStat: {
    normal: {
      cdf(x: number, mean: number, standardDeviation: number): number;
      inv(p: number, mean: number, standardDeviation: number): number;
    };
    studentt: {
      cdf(x: number, degreesOfFreedom: number): number;
      inv(p: number, degreesOfFreedom: number): number;
    };
    chisquare: {
      inv(p: number, degreesOfFreedom: number): number;
    };
    binomial: {
      cdf(k: number, trials: number, probability: number): number;
    };
  };
  export = jStat;
}
