import { HttpException } from '@nestjs/common';
import type { DashboardValidationError } from '@uplift/dashboards';

/**
 * A committed dashboard file that does not validate is a server fault (500), answered with the file and field
 * so whoever edited it sees what to fix. The validation test catches it before a release.
 */
export class InvalidDashboardException extends HttpException {
  constructor(error: DashboardValidationError) {
    const first = error.issues[0];
    super(
      {
        statusCode: 500,
        code: error.code,
        message: error.message,
        file: first?.file,
        field: first?.field,
        issues: error.issues,
      },
      500,
      { cause: error },
    );
  }
}
