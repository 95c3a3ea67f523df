import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '@common/access/access.decorator';
import { ApiProblemResponses } from '@infra/http/problem.view';
import { Permission } from '@common/access/permission';
import type { RequestContext } from '@common/access/request-context';
import { Ctx } from '@modules/access/request-context.decorator';
import { AuthService, type IssuedTokens } from './auth.service';
import { EnrolmentBeginDto, EnrolmentConfirmDto, LoginDto, RefreshDto } from './dto/auth.dto';
import { EnrolmentService, type EnrolmentChallenge } from './enrolment.service';
import { ConfirmEnrolmentView, EnrolmentChallengeView, IssuedTokensView } from './dto/auth.views';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly enrolment: EnrolmentService,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Sign in with email, password and a TOTP code' })
  @ApiOkResponse({ type: IssuedTokensView })
  @ApiProblemResponses(401, 429)
  login(@Ctx() ctx: RequestContext, @Body() body: LoginDto): Promise<IssuedTokens> {
    return this.auth.login(ctx, body);
  }

  @Post('refresh')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Trade a refresh token for new tokens (each refresh token works once)' })
  @ApiOkResponse({ type: IssuedTokensView })
  @ApiProblemResponses(401)
  refresh(@Ctx() ctx: RequestContext, @Body() body: RefreshDto): Promise<IssuedTokens> {
    return this.auth.refresh(ctx, body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @Access(Permission.StaffSelf)
  @ApiOperation({ summary: 'End this session' })
  @ApiNoContentResponse({ description: 'Done' })
  logout(@Ctx() ctx: RequestContext): Promise<void> {
    return this.auth.logout(ctx);
  }

  @Post('enrolment')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Enrolment step 1: set a password; receive the authenticator secret' })
  @ApiOkResponse({ type: EnrolmentChallengeView })
  @ApiProblemResponses(401, 422)
  beginEnrolment(@Ctx() ctx: RequestContext, @Body() body: EnrolmentBeginDto): Promise<EnrolmentChallenge> {
    return this.enrolment.begin(ctx, body);
  }

  @Post('enrolment/confirm')
  @HttpCode(200)
  @Access(Permission.Public)
  @ApiOperation({ summary: 'Enrolment step 2: confirm with a code from the authenticator' })
  @ApiOkResponse({ type: ConfirmEnrolmentView })
  @ApiProblemResponses(401, 422)
  confirmEnrolment(@Ctx() ctx: RequestContext, @Body() body: EnrolmentConfirmDto): Promise<{ status: 'ACTIVE' }> {
    return this.enrolment.confirm(ctx, body);
  }
}
